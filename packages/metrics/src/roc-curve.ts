import { splitScores } from './score-split.js';

/** A receiver operating characteristic curve; point i predicts "anomalous" iff score ≥ thresholds[i]. */
export interface RocCurve {
  /** False-positive rates, non-decreasing from 0 to 1. */
  readonly fpr: Float64Array;
  /** True-positive rates, non-decreasing from 0 to 1. */
  readonly tpr: Float64Array;
  /** Thresholds, decreasing; the first is `Infinity` (nothing predicted anomalous). */
  readonly thresholds: Float64Array;
}

/** Options of {@link rocCurve}. */
export interface RocCurveOptions {
  /**
   * Drop points that lie on a straight line between their neighbours (sklearn's
   * `drop_intermediate`); the plotted curve and its area do not change.
   *
   * @defaultValue true
   */
  readonly dropIntermediate?: boolean;
}

/**
 * The ROC curve of scored items, one point per distinct score (sklearn `roc_curve`), for plots.
 *
 * @param scores - one finite score per item (e.g. `imageScore`s).
 * @param labels - 0 nominal, 1 anomalous, one per item.
 * @param options - whether to drop collinear points.
 * @returns false- and true-positive rates with their thresholds, starting at (0, 0).
 * @throws RangeError when the inputs are invalid or only one label is present.
 * @example
 * ```ts
 * const { fpr, tpr } = rocCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
 * // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1] (after dropping collinear points)
 * ```
 */
export function rocCurve(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: RocCurveOptions = {},
): RocCurve {
  const { positives, negatives } = splitScores(scores, labels);
  if (positives.length === 0 || negatives.length === 0) {
    throw new RangeError(
      `rocCurve needs both labels, got ${positives.length} anomalous and ${negatives.length} nominal`,
    );
  }
  // Walk both ascending parts from their top, one step per distinct score.
  const fp = [0];
  const tp = [0];
  const thresholds = [Infinity];
  let p = positives.length - 1;
  let n = negatives.length - 1;
  while (p >= 0 || n >= 0) {
    const threshold = Math.max(
      p >= 0 ? (positives[p] as number) : -Infinity,
      n >= 0 ? (negatives[n] as number) : -Infinity,
    );
    while (p >= 0 && positives[p] === threshold) p--;
    while (n >= 0 && negatives[n] === threshold) n--;
    fp.push(negatives.length - 1 - n);
    tp.push(positives.length - 1 - p);
    thresholds.push(threshold);
  }
  const keep = (options.dropIntermediate ?? true) ? cornerPoints(fp, tp) : fp.map((_, i) => i);
  return {
    fpr: Float64Array.from(keep, (i) => (fp[i] as number) / negatives.length),
    tpr: Float64Array.from(keep, (i) => (tp[i] as number) / positives.length),
    thresholds: Float64Array.from(keep, (i) => thresholds[i] as number),
  };
}

/** Indices of the points where the curve changes direction, plus both ends. */
function cornerPoints(fp: readonly number[], tp: readonly number[]): number[] {
  const keep = [0];
  for (let i = 1; i < fp.length - 1; i++) {
    const bendsFp = secondDifference(fp, i) !== 0;
    const bendsTp = secondDifference(tp, i) !== 0;
    if (bendsFp || bendsTp) keep.push(i);
  }
  keep.push(fp.length - 1);
  return keep;
}

function secondDifference(values: readonly number[], i: number): number {
  return (values[i - 1] as number) - 2 * (values[i] as number) + (values[i + 1] as number);
}
