import { assertIntegerInRange } from '@patchcore/core';
import type { MemoryBank, NeighborSearchResult } from '@patchcore/core';

/**
 * Finds, for memory-bank rows, their own b nearest memory-bank rows: N_b(m*) of the paper's
 * Eq. 7 re-weighting (SPEC §4.3). Works with any {@link MemoryBank}.
 *
 * Each row's own index is put first at distance 0, as the definition requires. An exact search
 * finds it anyway; this also holds when duplicate rows tie with it at 0 or when an approximate
 * index misses it (the farthest of the b is then dropped).
 *
 * @param memoryBank - a built or loaded memory bank.
 * @param rowIndices - the rows m*, each an integer in [0, size).
 * @param b - neighbourhood size including the row itself, an integer in [1, size].
 * @returns squared L2 distances and indices [rowIndices.length, b], ascending, self first.
 * @throws RangeError when b or a row index is out of range.
 *
 * @example
 * ```ts
 * const { neighborIndices } = await bankRowNeighbors(memoryBank, [nearestRow], 9);
 * ```
 */
export async function bankRowNeighbors(
  memoryBank: MemoryBank,
  rowIndices: ArrayLike<number>,
  b: number,
): Promise<NeighborSearchResult> {
  assertIntegerInRange('b', b, 1, memoryBank.size);
  const result = await memoryBank.search(memoryBank.rows(rowIndices), b);
  for (let q = 0; q < result.queryCount; q++) {
    putSelfFirst(
      rowIndices[q] as number,
      result.distances.subarray(q * b, (q + 1) * b),
      result.neighborIndices.subarray(q * b, (q + 1) * b),
    );
  }
  return result;
}

/**
 * Moves `self` to slot 0 at distance 0, shifting the slots before its old place (or all but
 * the last, when it was missing) one to the right.
 *
 * @param self - the row's own index.
 * @param distances - that row's b distances.
 * @param indices - that row's b indices.
 */
function putSelfFirst(self: number, distances: Float32Array, indices: Int32Array): void {
  let position = indices.indexOf(self);
  if (position === 0) {
    distances[0] = 0;
    return;
  }
  if (position < 0) position = indices.length - 1;
  indices.copyWithin(1, 0, position);
  distances.copyWithin(1, 0, position);
  indices[0] = self;
  distances[0] = 0;
}
