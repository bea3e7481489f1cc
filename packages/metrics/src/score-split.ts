import type { PixelGrid, PixelMetricVariant } from './pixel-grid.js';
import { checkScoresAndLabels, selectImages } from './validation.js';
import { sortScores } from './sort-scores.js';

/** Scores sorted ascending; float32 when every input was a `Float32Array`, so ties stay exact. */
export type SortedScores = Float32Array | Float64Array;

/**
 * The scores of the anomalous and of the nominal items, each sorted ascending. Every
 * rank-based metric here works on this form: no index array, no N-sized label copy.
 *
 * @internal
 */
export interface ScoreSplit {
  /** Scores of items labelled 1, ascending. */
  readonly positives: SortedScores;
  /** Scores of items labelled 0, ascending. */
  readonly negatives: SortedScores;
}

function allocate(float32: boolean, length: number): SortedScores {
  return float32 ? new Float32Array(length) : new Float64Array(length);
}

/**
 * Splits per-item scores by label and sorts both parts.
 *
 * @param scores - one finite score per item.
 * @param labels - 0 nominal, 1 anomalous, one per item.
 * @returns both parts, sorted ascending.
 * @throws RangeError when the lengths differ, a score is not finite or a label is not 0 or 1.
 * @internal
 */
export function splitScores(scores: ArrayLike<number>, labels: ArrayLike<number>): ScoreSplit {
  checkScoresAndLabels(scores, labels);
  let positiveCount = 0;
  for (let i = 0; i < labels.length; i++) positiveCount += labels[i] as number;

  const float32 = scores instanceof Float32Array;
  const positives = allocate(float32, positiveCount);
  const negatives = allocate(float32, scores.length - positiveCount);
  let p = 0;
  let n = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] === 1) positives[p++] = scores[i] as number;
    else negatives[n++] = scores[i] as number;
  }
  return { positives: sortScores(positives), negatives: sortScores(negatives) };
}

/**
 * Splits the pixels of the covered test images by their mask value and sorts both parts.
 *
 * @param anomalyMaps - one `anomalyMap` per test image.
 * @param masks - one binary `mask` per test image.
 * @param variant - which images to cover.
 * @returns both parts, sorted ascending.
 * @internal
 */
export function splitPixels(
  anomalyMaps: readonly PixelGrid[],
  masks: readonly PixelGrid[],
  variant: PixelMetricVariant,
): ScoreSplit {
  const covered = selectImages(anomalyMaps, masks, variant);
  let positiveCount = 0;
  let pixelCount = 0;
  let float32 = true;
  masks.forEach((mask, image) => {
    if (!covered[image]) return;
    for (let i = 0; i < mask.data.length; i++) positiveCount += mask.data[i] as number;
    pixelCount += mask.data.length;
    float32 &&= (anomalyMaps[image] as PixelGrid).data instanceof Float32Array;
  });

  const positives = allocate(float32, positiveCount);
  const negatives = allocate(float32, pixelCount - positiveCount);
  let p = 0;
  let n = 0;
  masks.forEach((mask, image) => {
    if (!covered[image]) return;
    const scores = (anomalyMaps[image] as PixelGrid).data;
    for (let i = 0; i < scores.length; i++) {
      if (mask.data[i] === 1) positives[p++] = scores[i] as number;
      else negatives[n++] = scores[i] as number;
    }
  });
  return { positives: sortScores(positives), negatives: sortScores(negatives) };
}
