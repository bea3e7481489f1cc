import type { PixelGrid, PixelMetricVariant } from './pixel-grid.js';
import { splitPixels, splitScores } from './score-split.js';
import type { ScoreSplit } from './score-split.js';
import { checkVariant } from './validation.js';

/**
 * Where the scores being thresholded came from. A threshold fitted on the test set's own
 * labels is an oracle: it shows the best achievable F1, not what a deployed model would reach.
 */
export type ThresholdSource = 'validation' | 'test';

/** The F1-optimal threshold and the confusion counts at it (prediction: score ≥ threshold). */
export interface F1OptimalThreshold {
  /** The threshold: the lowest of those reaching the maximum F1. */
  readonly threshold: number;
  /** F1 = 2PR / (P + R) at the threshold (0 where P + R = 0). */
  readonly f1: number;
  /** Precision TP / (TP + FP). */
  readonly precision: number;
  /** Recall TP / (TP + FN). */
  readonly recall: number;
  /** Anomalous items at or above the threshold. */
  readonly truePositives: number;
  /** Nominal items at or above the threshold. */
  readonly falsePositives: number;
  /** Anomalous items below the threshold. */
  readonly falseNegatives: number;
  /** Nominal items below the threshold. */
  readonly trueNegatives: number;
  /** Where the labels came from. */
  readonly source: ThresholdSource;
  /** True when fitted on test labels (`source === 'test'`): report it as an oracle. */
  readonly oracle: boolean;
}

/**
 * Finds the threshold that maximises F1 on scored, labelled items (SPEC §6.5: sklearn's
 * precision–recall curve, first maximum in ascending threshold order, prediction score ≥
 * threshold). F1 values are compared as exact integer ratios, so equal F1s tie exactly.
 *
 * @param scores - one finite score per item.
 * @param labels - 0 nominal, 1 anomalous, one per item.
 * @param source - `'validation'` for held-out labelled data, `'test'` for the test set (oracle).
 * @returns the threshold with its F1, precision, recall and confusion counts.
 * @throws RangeError when the inputs are invalid or no item is anomalous.
 * @example
 * ```ts
 * f1OptimalThreshold([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 'validation').threshold; // 0.35
 * ```
 */
export function f1OptimalThreshold(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  source: ThresholdSource,
): F1OptimalThreshold {
  return thresholdOfSplit(splitScores(scores, labels), source, 'f1OptimalThreshold');
}

/** Options of {@link pixelF1OptimalThreshold}. */
export interface PixelF1Options {
  /**
   * Which images' pixels take part.
   *
   * @defaultValue 'full'
   */
  readonly variant?: PixelMetricVariant;
}

/**
 * {@link f1OptimalThreshold} over the pixels of anomaly maps, labelled by their masks (R's
 * pixel-wise `optimal_threshold`).
 *
 * @param anomalyMaps - one `anomalyMap` [H, W] per image.
 * @param masks - one binary `mask` [H, W] per image, values 0 or 1.
 * @param source - `'validation'` or `'test'` (oracle).
 * @param options - which images take part.
 * @returns the threshold with its F1, precision, recall and pixel confusion counts.
 * @throws RangeError when maps and masks do not pair up, a value is invalid, or no pixel is
 * anomalous.
 */
export function pixelF1OptimalThreshold(
  anomalyMaps: readonly PixelGrid[],
  masks: readonly PixelGrid[],
  source: ThresholdSource,
  options: PixelF1Options = {},
): F1OptimalThreshold {
  const variant = options.variant ?? 'full';
  checkVariant(variant);
  const split = splitPixels(anomalyMaps, masks, variant);
  return thresholdOfSplit(split, source, 'pixelF1OptimalThreshold');
}

function thresholdOfSplit(
  split: ScoreSplit,
  source: ThresholdSource,
  what: string,
): F1OptimalThreshold {
  if (source !== 'validation' && source !== 'test') {
    throw new RangeError(`${what}: source must be 'validation' or 'test', got '${String(source)}'`);
  }
  const { positives, negatives } = split;
  const positiveCount = positives.length;
  if (positiveCount === 0) {
    throw new RangeError(`${what} needs anomalous items, got 0 of ${negatives.length}`);
  }
  let best = { threshold: Infinity, tp: 0, fp: 0 };
  let p = positiveCount - 1;
  let n = negatives.length - 1;
  // Descending walk; `>=` lets a later (lower) threshold win ties, i.e. the first maximum in
  // ascending order. F1 = 2TP / (TP + FP + positiveCount), compared by cross-multiplication.
  while (p >= 0 || n >= 0) {
    const threshold = Math.max(
      p >= 0 ? (positives[p] as number) : -Infinity,
      n >= 0 ? (negatives[n] as number) : -Infinity,
    );
    while (p >= 0 && positives[p] === threshold) p--;
    while (n >= 0 && negatives[n] === threshold) n--;
    const tp = positiveCount - 1 - p;
    const fp = negatives.length - 1 - n;
    if (tp * (best.tp + best.fp + positiveCount) >= best.tp * (tp + fp + positiveCount)) {
      best = { threshold, tp, fp };
    }
  }
  const { threshold, tp, fp } = best;
  return {
    threshold,
    f1: (2 * tp) / (tp + fp + positiveCount),
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: tp / positiveCount,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: positiveCount - tp,
    trueNegatives: negatives.length - fp,
    source,
    oracle: source === 'test',
  };
}
