import { rocCurve } from '@patchcore/metrics';

/** One point of a ROC curve. */
export interface RocPoint {
  /** False-positive rate in [0, 1]. */
  readonly fpr: number;
  /** True-positive rate in [0, 1]. */
  readonly tpr: number;
}

/**
 * The image-level ROC curve from scores and labels as chart points: `rocCurve` of
 * `@patchcore/metrics` with every distinct score kept, from (0, 0) to (1, 1), tied scores moving
 * in one diagonal step.
 *
 * @param scores - finite image scores (higher = more anomalous).
 * @param labels - 1 anomalous, 0 nominal, aligned with `scores`.
 * @returns the points, or an empty list when either class is absent.
 * @throws RangeError when the two arrays differ in length or a score is not finite.
 */
export function imageRocPoints(scores: readonly number[], labels: readonly (0 | 1)[]): RocPoint[] {
  const positives = labels.filter((l) => l === 1).length;
  if (scores.length === labels.length && (positives === 0 || positives === labels.length)) {
    return [];
  }
  const { fpr, tpr } = rocCurve(scores, labels, { dropIntermediate: false });
  return Array.from(fpr, (f, i) => ({ fpr: f, tpr: tpr[i] as number }));
}
