import { assertIntegerInRange } from '@patchcore/core';
import type { NeighborSearchResult } from '@patchcore/core';

/**
 * Turns a nearest-neighbour search into `patchScores` (SPEC §4.2): each query patch's score is
 * the mean of its `anomalyScoreNumNn` smallest **squared** L2 distances, as in R (not the mean of
 * plain distances, not a square root).
 *
 * @param result - a search over Q patches with k ≥ `anomalyScoreNumNn` neighbours each.
 * @param anomalyScoreNumNn - neighbours averaged per patch, an integer in [1, result.k].
 * @returns `patchScores` [Q].
 * @throws RangeError when `anomalyScoreNumNn` is not an integer in [1, result.k].
 *
 * @example
 * ```ts
 * const patchScores = patchScoresFromNeighbors(await memoryBank.search(features, 1), 1);
 * ```
 */
export function patchScoresFromNeighbors(
  result: NeighborSearchResult,
  anomalyScoreNumNn = 1,
): Float32Array {
  assertIntegerInRange('anomalyScoreNumNn', anomalyScoreNumNn, 1, result.k);
  const { queryCount, k, distances } = result;
  const patchScores = new Float32Array(queryCount);
  for (let q = 0; q < queryCount; q++) {
    // Distances come ascending, so the first anomalyScoreNumNn are the nearest.
    let sum = 0;
    for (let r = 0; r < anomalyScoreNumNn; r++) sum += distances[q * k + r] as number;
    patchScores[q] = sum / anomalyScoreNumNn;
  }
  return patchScores;
}
