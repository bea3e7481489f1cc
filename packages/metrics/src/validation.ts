import type { PixelGrid, PixelMetricVariant } from './pixel-grid.js';

/**
 * Throws unless every value is finite.
 *
 * @param what - the input's name, used in the message.
 * @param values - the values.
 * @throws RangeError naming the input, the first offending index and its value.
 * @internal
 */
export function checkFinite(what: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    // value - value is 0 for finite numbers and NaN for NaN and ±Infinity.
    if (value - value !== 0) {
      throw new RangeError(`${what} holds ${value} at index ${i}; every score must be finite`);
    }
  }
}

/**
 * Throws unless every value is 0 or 1.
 *
 * @param what - the input's name, used in the message.
 * @param values - the labels or mask values.
 * @returns the number of ones.
 * @throws RangeError naming the input, the first offending index and its value.
 * @internal
 */
export function countBinary(what: string, values: ArrayLike<number>): number {
  let ones = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value === 1) ones++;
    else if (value !== 0) {
      throw new RangeError(`${what} holds ${value} at index ${i}; only 0 and 1 are allowed`);
    }
  }
  return ones;
}

/**
 * Checks that `scores` and `labels` have the same length and valid contents.
 *
 * @param scores - one score per item.
 * @param labels - 0 nominal, 1 anomalous, one per item.
 * @internal
 */
export function checkScoresAndLabels(scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (scores.length !== labels.length) {
    throw new RangeError(
      `scores and labels must have the same length, got ${scores.length} scores and ${labels.length} labels`,
    );
  }
  checkFinite('scores', scores);
  countBinary('labels', labels);
}

/**
 * Checks that each map matches its mask and returns which images the variant covers.
 *
 * @param anomalyMaps - one `anomalyMap` per test image.
 * @param masks - one `mask` per test image, same size as its map.
 * @param variant - which images to cover.
 * @returns for each image, whether it is covered.
 * @throws RangeError when the counts or sizes differ, a value is invalid, or no image is covered.
 * @internal
 */
export function selectImages(
  anomalyMaps: readonly PixelGrid[],
  masks: readonly PixelGrid[],
  variant: PixelMetricVariant,
): boolean[] {
  if (anomalyMaps.length !== masks.length) {
    throw new RangeError(
      `anomalyMaps and masks must pair up, got ${anomalyMaps.length} maps and ${masks.length} masks`,
    );
  }
  const covered = anomalyMaps.map((map, image) => {
    const mask = masks[image] as PixelGrid;
    checkGrid(`anomalyMaps[${image}]`, map);
    checkGrid(`masks[${image}]`, mask);
    if (map.width !== mask.width || map.height !== mask.height) {
      throw new RangeError(
        `anomalyMaps[${image}] is ${map.width}x${map.height} but masks[${image}] is ${mask.width}x${mask.height}`,
      );
    }
    checkFinite(`anomalyMaps[${image}]`, map.data);
    const anomalousPixels = countBinary(`masks[${image}]`, mask.data);
    return variant === 'full' || anomalousPixels > 0;
  });
  if (!covered.includes(true)) {
    throw new RangeError(`the '${variant}' variant covers no image (${masks.length} given)`);
  }
  return covered;
}

/**
 * Throws unless the grid's sizes are positive integers matching its data length.
 *
 * @param what - the input's name, used in the message.
 * @param grid - the grid.
 * @internal
 */
export function checkGrid(what: string, grid: PixelGrid): void {
  const { width, height } = grid;
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
    throw new RangeError(`${what} must have positive integer sizes, got ${width}x${height}`);
  }
  if (grid.data.length !== width * height) {
    throw new RangeError(
      `${what} is ${width}x${height} but holds ${grid.data.length} values, not ${width * height}`,
    );
  }
}

/**
 * Throws unless `variant` is a known variant (for callers without type checking).
 *
 * @param variant - the value received.
 * @internal
 */
export function checkVariant(variant: string): asserts variant is PixelMetricVariant {
  if (variant !== 'full' && variant !== 'anomalous') {
    throw new RangeError(`variant must be 'full' or 'anomalous', got '${variant}'`);
  }
}
