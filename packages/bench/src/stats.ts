/** Median, minimum and maximum of repeated measurements of one quantity. */
export interface Summary {
  /** Median of the runs (mean of the two middle values for an even count). */
  readonly median: number;
  /** Smallest run. */
  readonly min: number;
  /** Largest run. */
  readonly max: number;
  /** Number of measured runs (warm-up excluded). */
  readonly runs: number;
}

/**
 * Summarises repeated measurements by their median, minimum and maximum.
 *
 * @param samples - one value per measured run; at least one, all finite.
 * @returns the summary.
 * @throws RangeError when `samples` is empty or holds a non-finite value.
 */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) {
    throw new RangeError('summarize needs at least one sample, got an empty list');
  }
  const bad = samples.find((value) => !Number.isFinite(value));
  if (bad !== undefined) {
    throw new RangeError(`summarize needs finite samples, got ${bad}`);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return {
    median,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    runs: sorted.length,
  };
}
