import type { NeighborSearchResult } from '@patchcore/core';

/**
 * Patch scores from a nearest-neighbour search (SPEC §4.2): per query, the mean of its k
 * smallest **squared** L2 distances, as the reference computes them.
 *
 * @param result - search result [Q, k].
 * @returns `patchScores` [Q].
 */
export function patchScoresFromSearch(result: NeighborSearchResult): Float32Array {
  const { queryCount, k, distances } = result;
  const scores = new Float32Array(queryCount);
  for (let q = 0; q < queryCount; q++) {
    let sum = 0;
    for (let r = 0; r < k; r++) sum += distances[q * k + r] ?? 0;
    scores[q] = sum / k;
  }
  return scores;
}

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
