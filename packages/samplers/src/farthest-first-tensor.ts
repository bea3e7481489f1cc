import * as tf from '@tensorflow/tfjs-core';
import { progressReporter } from './farthest-first-problem.js';
import { farthestFromCentroid } from './kernels/farthest-from-centroid.js';
import type { FarthestFirstProblem } from './farthest-first-problem.js';

/**
 * Farthest-first traversal with plain TensorFlow.js tensor ops on the active backend: one
 * distance column per pick, a running minimum vector, argmax. O(N · D') memory and
 * O(N · n · D') work. It is the reference the dedicated kernel is tested against, and the path
 * used on GPU backends.
 *
 * @param problem - projected rows, count and start rule.
 * @returns picked row indices, in order.
 * @internal
 */
export function farthestFirstTensor(problem: FarthestFirstProblem): Int32Array {
  const { rows, dims, stride, count, start } = problem;
  const compact = new Float32Array(rows * dims);
  for (let i = 0; i < rows; i++) {
    compact.set(problem.projected.subarray(i * stride, i * stride + dims), i * dims);
  }
  const picks = new Int32Array(count);
  const selected = new Uint8Array(rows);
  const report = progressReporter(problem.onProgress, count);
  const z = tf.tensor2d(compact, [rows, dims]);
  const distanceTo = (row: number): tf.Tensor1D =>
    tf.tidy(() =>
      tf.sqrt(tf.sum(tf.squaredDifference(z, tf.slice(z, [row, 0], [1, dims])), 1)),
    ) as tf.Tensor1D;
  let picked = 0;
  let minimum: tf.Tensor1D;
  if (start.kind === 'centroid') {
    const first = farthestFromCentroid(problem);
    picks[picked++] = first;
    selected[first] = 1;
    minimum = markSelected(distanceTo(first), first, rows);
  } else {
    minimum = tf.tidy((): tf.Tensor1D => {
      const columns = Array.from(start.anchors, (anchor) => distanceTo(anchor));
      return tf.div<tf.Tensor1D>(tf.addN(columns), columns.length);
    });
  }
  try {
    while (picked < count) {
      const [index, value] = tf.tidy(() => {
        const at = tf.argMax(minimum);
        return [at.dataSync()[0] ?? 0, tf.gather(minimum, at).dataSync()[0] ?? 0];
      });
      if (!(value > 0)) break;
      picks[picked++] = index;
      selected[index] = 1;
      const updated = tf.tidy(() => tf.minimum<tf.Tensor1D>(minimum, distanceTo(index)));
      minimum.dispose();
      minimum = markSelected(updated, index, rows);
      report(picked);
    }
  } finally {
    minimum.dispose();
    z.dispose();
  }
  for (let i = 0; picked < count && i < rows; i++) if (selected[i] === 0) picks[picked++] = i;
  report(count);
  return picks;
}

/** Sets one entry to −∞ so that argmax never returns it again; disposes the input. */
function markSelected(values: tf.Tensor1D, index: number, rows: number): tf.Tensor1D {
  const result = tf.tidy(() =>
    tf.where<tf.Tensor1D>(
      tf.equal(tf.range(0, rows, 1, 'int32'), tf.scalar(index, 'int32')),
      tf.fill([rows], -Infinity),
      values,
    ),
  );
  values.dispose();
  return result;
}
