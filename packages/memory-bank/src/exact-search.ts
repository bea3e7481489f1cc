import type { HostMatrix } from '@patchcore/core';

/**
 * Finds the k nearest rows of one query by brute force, with squared L2 distances computed
 * from direct differences (SPEC §4.1). Used to fill the slots an approximate faiss index left
 * empty (label -1, e.g. an IVF list holding fewer than k rows at nprobe 1).
 *
 * @param bank - memory-bank rows [M, D], row-major.
 * @param dimension - D.
 * @param query - one query row, length D.
 * @param k - neighbours wanted, 1 ≤ k ≤ M.
 * @param distances - receives the k squared distances, ascending.
 * @param neighborIndices - receives the k row indices, aligned with `distances`.
 * @internal
 */
export function exactSearchRow(
  bank: Float32Array,
  dimension: number,
  query: Float32Array,
  k: number,
  distances: Float32Array,
  neighborIndices: Int32Array,
): void {
  const size = bank.length / dimension;
  distances.fill(Infinity);
  neighborIndices.fill(-1);
  for (let row = 0; row < size; row++) {
    const offset = row * dimension;
    let sum = 0;
    for (let j = 0; j < dimension; j++) {
      const difference = (query[j] as number) - (bank[offset + j] as number);
      sum += difference * difference;
    }
    if (sum >= (distances[k - 1] as number)) continue;
    // Insertion into the sorted top-k; ties keep the lower row index first.
    let slot = k - 1;
    while (slot > 0 && (distances[slot - 1] as number) > sum) {
      distances[slot] = distances[slot - 1] as number;
      neighborIndices[slot] = neighborIndices[slot - 1] as number;
      slot--;
    }
    distances[slot] = sum;
    neighborIndices[slot] = row;
  }
}

/**
 * Replaces, query by query, results that hold a -1 label (an approximate index found fewer than
 * k rows) with an exact search over the host rows.
 *
 * @param bank - memory-bank rows [M, D].
 * @param queries - the queries [Q, D].
 * @param k - neighbours per query.
 * @param distances - [Q, k], repaired in place.
 * @param neighborIndices - [Q, k], repaired in place.
 * @returns the number of queries repaired.
 * @internal
 */
export function repairMissingNeighbors(
  bank: Float32Array,
  queries: HostMatrix,
  k: number,
  distances: Float32Array,
  neighborIndices: Int32Array,
): number {
  let repaired = 0;
  for (let q = 0; q < queries.rows; q++) {
    const slots = neighborIndices.subarray(q * k, (q + 1) * k);
    if (!slots.includes(-1)) continue;
    const query = queries.data.subarray(q * queries.dims, (q + 1) * queries.dims);
    exactSearchRow(bank, queries.dims, query, k, distances.subarray(q * k, (q + 1) * k), slots);
    repaired++;
  }
  return repaired;
}

/**
 * Replaces the distances an exact faiss index returned with Σ(x − y)² computed from direct
 * differences in float64 (SPEC §4.1, §7.6), then re-sorts each query's k neighbours by that
 * distance (lower row index first on ties). faiss's batched `Flat` search computes
 * ‖x‖² + ‖y‖² − 2·x·y in float32, which cancels badly for rows far from the origin: a row's
 * distance to itself comes out above 0. Costs Q · k · D multiply-adds.
 *
 * @param bank - memory-bank rows [M, D].
 * @param queries - the queries [Q, D].
 * @param k - neighbours per query.
 * @param distances - [Q, k], rewritten in place.
 * @param neighborIndices - [Q, k], re-sorted in place.
 * @internal
 */
export function recomputeDirectDistances(
  bank: Float32Array,
  queries: HostMatrix,
  k: number,
  distances: Float32Array,
  neighborIndices: Int32Array,
): void {
  const dimension = queries.dims;
  const exact = new Float64Array(k);
  const rows = new Int32Array(k);
  for (let q = 0; q < queries.rows; q++) {
    const queryOffset = q * dimension;
    for (let r = 0; r < k; r++) {
      const row = neighborIndices[q * k + r] as number;
      let sum = 0;
      if (row < 0) {
        sum = Infinity;
      } else {
        const rowOffset = row * dimension;
        for (let j = 0; j < dimension; j++) {
          const difference =
            (queries.data[queryOffset + j] as number) - (bank[rowOffset + j] as number);
          sum += difference * difference;
        }
      }
      // Insertion into the sorted prefix; ties keep the lower row index first.
      let slot = r;
      while (
        slot > 0 &&
        ((exact[slot - 1] as number) > sum ||
          ((exact[slot - 1] as number) === sum && (rows[slot - 1] as number) > row))
      ) {
        exact[slot] = exact[slot - 1] as number;
        rows[slot] = rows[slot - 1] as number;
        slot--;
      }
      exact[slot] = sum;
      rows[slot] = row;
    }
    for (let r = 0; r < k; r++) {
      distances[q * k + r] = exact[r] as number;
      neighborIndices[q * k + r] = rows[r] as number;
    }
  }
}
