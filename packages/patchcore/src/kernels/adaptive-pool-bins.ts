/** The input ranges that 1-D adaptive average pooling averages, one per output element. */
export interface AdaptivePoolBins {
  /** Input length L. */
  readonly inputLength: number;
  /** Output length P. */
  readonly outputLength: number;
  /** First input index of each bin (inclusive), [P]. */
  readonly starts: Int32Array;
  /** Last input index of each bin (exclusive), [P]. */
  readonly ends: Int32Array;
}

/**
 * Computes the bins of 1-D adaptive average pooling from `inputLength` to `outputLength`
 * (SPEC §2.4): output i averages inputs [⌊i·L/P⌋, ⌈(i+1)·L/P⌉), in exact integer arithmetic.
 * Neighbouring bins may share an element; when P exceeds L, elements repeat.
 *
 * @param inputLength - L, at least 1.
 * @param outputLength - P, at least 1.
 * @returns the bins.
 * @throws RangeError when a length is not a positive integer.
 */
export function adaptivePoolBins(inputLength: number, outputLength: number): AdaptivePoolBins {
  for (const [name, value] of [
    ['inputLength', inputLength],
    ['outputLength', outputLength],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }
  const starts = new Int32Array(outputLength);
  const ends = new Int32Array(outputLength);
  for (let i = 0; i < outputLength; i++) {
    const low = i * inputLength;
    const high = (i + 1) * inputLength + outputLength - 1;
    // Integer floor division: subtract the remainder first so the quotient is exact.
    starts[i] = (low - (low % outputLength)) / outputLength;
    ends[i] = (high - (high % outputLength)) / outputLength;
  }
  return { inputLength, outputLength, starts, ends };
}
