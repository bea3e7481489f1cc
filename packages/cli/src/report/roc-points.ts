/** One point of a ROC curve. */
export interface RocPoint {
  /** False-positive rate in [0, 1]. */
  readonly fpr: number;
  /** True-positive rate in [0, 1]. */
  readonly tpr: number;
}

/**
 * The image-level ROC curve from scores and labels: one point per distinct score, from (0, 0)
 * to (1, 1), tied scores moving in one diagonal step.
 *
 * @param scores - image scores (higher = more anomalous).
 * @param labels - 1 anomalous, 0 nominal, aligned with `scores`.
 * @returns the points, or an empty list when either class is absent.
 * @throws RangeError when the two arrays differ in length.
 */
export function imageRocPoints(scores: readonly number[], labels: readonly (0 | 1)[]): RocPoint[] {
  if (scores.length !== labels.length) {
    throw new RangeError(
      `scores (${scores.length}) and labels (${labels.length}) differ in length`,
    );
  }
  const positives = labels.filter((l) => l === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return [];
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  const points: RocPoint[] = [{ fpr: 0, tpr: 0 }];
  let truePositives = 0;
  let falsePositives = 0;
  for (let k = 0; k < order.length; k++) {
    const index = order[k] ?? 0;
    if (labels[index] === 1) truePositives++;
    else falsePositives++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[index]) {
      points.push({ fpr: falsePositives / negatives, tpr: truePositives / positives });
    }
  }
  return points;
}
