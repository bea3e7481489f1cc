import type { PixelGrid, PixelMetricVariant } from './pixel-grid.js';
import { splitPixels, splitScores } from './score-split.js';
import type { ScoreSplit } from './score-split.js';
import { checkVariant } from './validation.js';

/**
 * AUROC of a split: the share of (anomalous, nominal) pairs ranked correctly, ties counting
 * one half. Equals the Mann–Whitney form with mid-ranks (SPEC §6.1). One merge walk over the
 * two sorted parts, O(n⁺ + n⁻), float64 sums (exact up to 2⁵³ pairs).
 *
 * @param split - the scores, split by label and sorted.
 * @param what - the metric's name, for the error message.
 * @returns the AUROC in [0, 1].
 * @throws RangeError when either part is empty.
 * @internal
 */
export function aurocOfSplit(split: ScoreSplit, what: string): number {
  const { positives, negatives } = split;
  if (positives.length === 0 || negatives.length === 0) {
    throw new RangeError(
      `${what} needs both labels, got ${positives.length} anomalous and ${negatives.length} nominal`,
    );
  }
  let below = 0; // nominal scores < s
  let atOrBelow = 0; // nominal scores <= s
  let correctPairs = 0;
  for (let i = 0; i < positives.length; i++) {
    const score = positives[i] as number;
    while (below < negatives.length && (negatives[below] as number) < score) below++;
    if (atOrBelow < below) atOrBelow = below;
    while (atOrBelow < negatives.length && (negatives[atOrBelow] as number) <= score) atOrBelow++;
    correctPairs += below + 0.5 * (atOrBelow - below);
  }
  return correctPairs / (positives.length * negatives.length);
}

/**
 * Image AUROC (SPEC §6.1): the probability that an anomalous image scores above a nominal
 * one, ties counting one half, as sklearn's `roc_auc_score`.
 *
 * @param scores - one `imageScore` per test image.
 * @param labels - 0 nominal, 1 anomalous, one per test image.
 * @returns the AUROC in [0, 1].
 * @throws RangeError when the lengths differ, a score is not finite, a label is not 0 or 1, or
 * only one label is present.
 * @example
 * ```ts
 * imageAuroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // 0.75
 * ```
 */
export function imageAuroc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  return aurocOfSplit(splitScores(scores, labels), 'imageAuroc');
}

/** Options of {@link pixelAuroc}. */
export interface PixelAurocOptions {
  /**
   * `'full'`: every pixel of every test image (R's `full_pixel_auroc`, README "Seg. AUROC");
   * `'anomalous'`: only pixels of images whose mask has an anomalous pixel.
   *
   * @defaultValue 'full'
   */
  readonly variant?: PixelMetricVariant;
}

/**
 * Pixel AUROC (SPEC §6.2, §6.3): the AUROC of all covered pixels pooled together, each pixel
 * labelled by its mask. Sorts the pixels once, O(n log n), with float32 copies when the maps
 * are `Float32Array`s (4 bytes a pixel, no index arrays).
 *
 * @param anomalyMaps - one `anomalyMap` [H, W] per test image.
 * @param masks - one binary `mask` [H, W] per test image, values 0 or 1 (binarise first, §1.2).
 * @param options - which images to cover.
 * @returns the AUROC in [0, 1].
 * @throws RangeError when maps and masks do not pair up, a value is invalid, or the covered
 * pixels hold only one label.
 */
export function pixelAuroc(
  anomalyMaps: readonly PixelGrid[],
  masks: readonly PixelGrid[],
  options: PixelAurocOptions = {},
): number {
  const variant = options.variant ?? 'full';
  checkVariant(variant);
  return aurocOfSplit(splitPixels(anomalyMaps, masks, variant), `pixelAuroc (${variant})`);
}
