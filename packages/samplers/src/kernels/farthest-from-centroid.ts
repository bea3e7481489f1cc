/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops indexed under their bound (STYLE.md §5) */
import type { FarthestFirstProblem } from '../farthest-first-problem.js';

/**
 * The exact greedy start of SPEC §3.6 in closed form: argmax_i ‖z_i − z̄‖², in float64, lowest
 * index on ties. Equal to the row whose distance-matrix row has the largest norm.
 *
 * @param problem - the projected rows.
 * @returns the start row.
 * @internal
 */
export function farthestFromCentroid(problem: FarthestFirstProblem): number {
  const { projected, rows, dims, stride } = problem;
  const centroid = new Float64Array(dims);
  for (let i = 0; i < rows; i++) {
    const base = i * stride;
    for (let j = 0; j < dims; j++) centroid[j]! += projected[base + j]!;
  }
  for (let j = 0; j < dims; j++) centroid[j]! /= rows;
  let best = 0;
  let bestValue = -1;
  for (let i = 0; i < rows; i++) {
    const base = i * stride;
    let sum = 0;
    for (let j = 0; j < dims; j++) {
      const difference = projected[base + j]! - centroid[j]!;
      sum += difference * difference;
    }
    if (sum > bestValue) {
      bestValue = sum;
      best = i;
    }
  }
  return best;
}
