import { ShapeMismatchError } from './errors.js';

/**
 * A row-major matrix of 32-bit floats living in host memory: the project's exchange format for
 * `features` [N, D] between the backbone, the samplers and the memory bank.
 */
export interface HostMatrix {
  /** Row-major values, `rows * dims` long. */
  readonly data: Float32Array;
  /** Number of rows (N, one per patch). */
  readonly rows: number;
  /** Number of columns (D, the feature dimension). */
  readonly dims: number;
}

/**
 * Wraps a `Float32Array` as a {@link HostMatrix} after checking that its length is
 * `rows * dims`.
 *
 * @param data - row-major values.
 * @param rows - number of rows N.
 * @param dims - number of columns D.
 * @returns the matrix, sharing `data` (no copy).
 * @throws {@link ShapeMismatchError} when `data.length !== rows * dims`.
 * @throws RangeError when `rows` or `dims` is not a non-negative integer.
 */
export function createHostMatrix(data: Float32Array, rows: number, dims: number): HostMatrix {
  if (!Number.isInteger(rows) || rows < 0) {
    throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
  }
  if (!Number.isInteger(dims) || dims < 0) {
    throw new RangeError(`dims must be a non-negative integer, got ${dims}`);
  }
  if (data.length !== rows * dims) {
    throw new ShapeMismatchError('host matrix data length', [rows * dims], [data.length]);
  }
  return { data, rows, dims };
}

/**
 * Tells whether a value has the shape of a {@link HostMatrix}.
 *
 * @param value - anything.
 * @returns true for an object with a `Float32Array` `data` and numeric `rows` and `dims`.
 */
export function isHostMatrix(value: unknown): value is HostMatrix {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<HostMatrix>;
  return (
    candidate.data instanceof Float32Array &&
    typeof candidate.rows === 'number' &&
    typeof candidate.dims === 'number'
  );
}

/**
 * Returns the view of one row of a matrix (no copy).
 *
 * @param matrix - the matrix.
 * @param row - row index in [0, rows).
 * @returns a `Float32Array` view of length `dims`.
 */
export function matrixRow(matrix: HostMatrix, row: number): Float32Array {
  return matrix.data.subarray(row * matrix.dims, (row + 1) * matrix.dims);
}
