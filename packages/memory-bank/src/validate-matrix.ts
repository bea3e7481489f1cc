import { ShapeMismatchError, assertFinite, isHostMatrix } from '@patchcore/core';
import type { HostMatrix } from '@patchcore/core';

/**
 * Checks that a value is a well-formed, finite {@link HostMatrix} of the wanted dimension.
 *
 * @param what - name of the input for messages, e.g. `'features'` or `'queries'`.
 * @param value - the value to check.
 * @param dimension - the column count D it must have, or undefined for any.
 * @returns the value, typed.
 * @throws TypeError when `value` is not a host matrix.
 * @throws {@link ShapeMismatchError} when `data.length` is not `rows * dims`, or when `dims`
 *   differs from `dimension` (expected `[rows, dimension]`, actual `[rows, dims]`).
 * @throws {@link NonFiniteValueError} naming the first NaN or infinite value.
 * @internal
 */
export function validateMatrix(
  what: string,
  value: unknown,
  dimension: number | undefined,
): HostMatrix {
  if (!isHostMatrix(value)) {
    throw new TypeError(
      `${what} must be a HostMatrix { data: Float32Array, rows, dims }, got ${describeValue(value)}`,
    );
  }
  if (!Number.isInteger(value.rows) || value.rows < 0 || !Number.isInteger(value.dims)) {
    throw new RangeError(
      `${what} must have integer rows >= 0 and dims, got [${value.rows}, ${value.dims}]`,
    );
  }
  if (value.data.length !== value.rows * value.dims) {
    throw new ShapeMismatchError(
      `${what} data length`,
      [value.rows * value.dims],
      [value.data.length],
    );
  }
  if (dimension !== undefined && value.dims !== dimension) {
    throw new ShapeMismatchError(
      `${what} dimension`,
      [value.rows, dimension],
      [value.rows, value.dims],
    );
  }
  assertFinite(what, value.data);
  return value;
}

/**
 * Names a value's type for an error message.
 *
 * @param value - anything.
 * @returns e.g. `'null'`, `'Array'`, `'number'`.
 */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
    return prototype?.constructor?.name ?? 'object';
  }
  return typeof value;
}
