import { NonFiniteValueError } from './errors.js';

/**
 * Throws when any element of `values` is NaN or infinite.
 *
 * @param what - name of the input, used in the message.
 * @param values - the values to check.
 * @throws {@link NonFiniteValueError} naming the first offending index and value.
 */
export function assertFinite(what: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    // value - value is 0 for finite numbers and NaN for NaN and ±Infinity.
    if (value - value !== 0) throw new NonFiniteValueError(what, i, value);
  }
}

/**
 * Throws unless `value` is an integer within [min, max].
 *
 * @param what - parameter name, used in the message.
 * @param value - the value to check.
 * @param min - smallest allowed value.
 * @param max - largest allowed value.
 * @throws RangeError naming the parameter, the bounds and the value.
 */
export function assertIntegerInRange(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} must be an integer in [${min}, ${max}], got ${value}`);
  }
}
