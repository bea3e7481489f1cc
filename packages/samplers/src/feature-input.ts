import * as tf from '@tensorflow/tfjs-core';
import { PatchcoreError, ShapeMismatchError, assertFinite, isHostMatrix } from '@patchcore/core';
import type { HostMatrix } from '@patchcore/core';

/**
 * Tells whether a value is a TensorFlow.js tensor (duck-typed, so that a second copy of
 * tfjs-core in node_modules still counts).
 *
 * @param value - anything.
 * @returns true for an object with `shape`, `dtype`, `rank` and `dataId`.
 */
export function isTensor(value: unknown): value is tf.Tensor {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<tf.Tensor>;
  return (
    Array.isArray(candidate.shape) &&
    typeof candidate.dtype === 'string' &&
    typeof candidate.rank === 'number' &&
    'dataId' in candidate
  );
}

/**
 * The TensorFlow.js backend that holds a tensor's data, which need not be the active one.
 *
 * @param tensor - a live tensor.
 * @returns its backend, or undefined when the engine does not track it.
 */
export function tensorBackendOf(tensor: tf.Tensor): tf.KernelBackend | undefined {
  return tf.engine().state.tensorInfo.get(tensor.dataId)?.backend;
}

/**
 * Reads sampler input into a host matrix and checks it: 2-D, non-empty, finite.
 *
 * @param features - a {@link HostMatrix} or a 2-D float32 TensorFlow.js tensor [N, D].
 * @returns the rows as a host matrix (shares the data of a host matrix input).
 * @throws {@link PatchcoreError} (`SHAPE_MISMATCH`) for a non-2-D or empty input or a host
 *   matrix whose rows or dims are not integers,
 *   {@link ShapeMismatchError} when a host matrix's length is not rows · dims,
 *   {@link NonFiniteValueError} for NaN or ±Infinity, TypeError for anything else.
 */
export async function readFeatures(features: unknown): Promise<HostMatrix> {
  let matrix: HostMatrix;
  if (isTensor(features)) {
    if (features.rank !== 2) {
      throw new PatchcoreError(
        'SHAPE_MISMATCH',
        `features must be a 2-D tensor [N, D], got shape [${features.shape.join(', ')}]`,
      );
    }
    const [rows, dims] = features.shape as [number, number];
    const values = await features.data();
    const data =
      values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
    matrix = { data, rows, dims };
  } else if (isHostMatrix(features)) {
    matrix = features;
    if (!Number.isInteger(matrix.rows) || !Number.isInteger(matrix.dims)) {
      throw new PatchcoreError(
        'SHAPE_MISMATCH',
        `features must have integer rows and dims, got [${matrix.rows}, ${matrix.dims}]`,
      );
    }
    if (matrix.data.length !== matrix.rows * matrix.dims) {
      throw new ShapeMismatchError(
        'features data length',
        [matrix.rows * matrix.dims],
        [matrix.data.length],
      );
    }
  } else {
    throw new TypeError(
      'features must be a host matrix { data: Float32Array, rows, dims } or a 2-D TensorFlow.js tensor',
    );
  }
  if (matrix.rows < 1 || matrix.dims < 1) {
    throw new PatchcoreError(
      'SHAPE_MISMATCH',
      `features is empty: [${matrix.rows}, ${matrix.dims}]; a sampler needs at least one row and one column`,
    );
  }
  assertFinite('features', matrix.data);
  return matrix;
}

/**
 * Copies the given rows of a matrix, in the given order.
 *
 * @param matrix - [N, D].
 * @param indices - row indices.
 * @returns [indices.length, D].
 */
export function gatherRows(matrix: HostMatrix, indices: Int32Array): HostMatrix {
  const { dims } = matrix;
  const data = new Float32Array(indices.length * dims);
  for (let k = 0; k < indices.length; k++) {
    const row = indices[k] ?? 0;
    data.set(matrix.data.subarray(row * dims, (row + 1) * dims), k * dims);
  }
  return { data, rows: indices.length, dims };
}
