/**
 * Index of the largest value, lowest index on ties.
 *
 * @param values - at least one value.
 * @returns the index.
 */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  }
  return best;
}
