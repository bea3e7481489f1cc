/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops indexed under their bound (STYLE.md §5) */
import type { HostMatrix } from '@patchcore/core';
import { RandomGenerator } from '../random-generator.js';

/**
 * Coverage radius of a coreset: the largest distance from a row to its nearest selected row,
 * over all rows when N ≤ `sampleRows`, else over a seeded sample of `sampleRows` rows (then a
 * lower bound). Computed in float64 on the original rows.
 *
 * @param features - [N, D].
 * @param coresetIndices - selected rows.
 * @param sampleRows - rows examined at most.
 * @returns the radius (plain Euclidean distance).
 */
export function coverageRadius(
  features: HostMatrix,
  coresetIndices: Int32Array,
  sampleRows = 2048,
): number {
  const { data, rows, dims } = features;
  const examined =
    rows <= sampleRows
      ? Int32Array.from({ length: rows }, (_, i) => i)
      : new RandomGenerator(0, 9).sampleDistinct(rows, sampleRows);
  let radius = 0;
  for (const row of examined) {
    let nearest = Infinity;
    const a = row * dims;
    for (const centre of coresetIndices) {
      const b = centre * dims;
      let sum = 0;
      for (let j = 0; j < dims && sum < nearest; j++) {
        const difference = data[a + j]! - data[b + j]!;
        sum += difference * difference;
      }
      if (sum < nearest) nearest = sum;
    }
    radius = Math.max(radius, Math.sqrt(nearest));
  }
  return radius;
}
