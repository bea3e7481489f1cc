import type { HostMatrix, MemoryBank } from '@patchcore/core';
import { matrixRow } from '@patchcore/core';

/** Inputs of {@link reweightedImageScore}. */
export interface ReweightingInput {
  /** The image's patch features [n_h·n_w, T]. */
  readonly features: HostMatrix;
  /** Index of q*, the patch with the largest nearest-neighbour distance. */
  readonly patchIndex: number;
  /** Index of m*, q*'s nearest memory-bank row. */
  readonly nearestRow: number;
  /** b: memory-bank rows around m* (capped at the bank size). */
  readonly neighbors: number;
}

function distance(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    sum += diff * diff;
  }
  return Math.sqrt(sum);
}

/**
 * The paper's Eq. 7 image score (SPEC §4.3), on unsquared distances:
 * s = (1 − exp‖q* − m*‖ / Σ over m in N_b(m*) of exp‖q* − m‖) · s*, with s* = ‖q* − m*‖ and N_b(m*)
 * the b memory-bank rows nearest to m* (m* included). Always within [(1 − 1/b)·s*, s*].
 *
 * @param memoryBank - the fitted memory bank.
 * @param input - the image's features, q*, m* and b.
 * @returns the re-weighted image score.
 */
export async function reweightedImageScore(
  memoryBank: MemoryBank,
  input: ReweightingInput,
): Promise<number> {
  const query = matrixRow(input.features, input.patchIndex);
  const nearest = memoryBank.rows([input.nearestRow]);
  const b = Math.min(input.neighbors, memoryBank.size);
  const around = await memoryBank.search(nearest, b);
  const rows = memoryBank.rows(around.neighborIndices);
  const sStar = distance(query, nearest.data);
  // Σ exp(d_m) / exp(s*) computed as Σ exp(d_m − s*): every d_m ≥ s* up to rounding, no overflow.
  // N_b(m*) holds m* itself (or an identical row) at distance 0 from m*.
  let ratioSum = 0;
  for (let r = 0; r < b; r++) ratioSum += Math.exp(distance(query, matrixRow(rows, r)) - sStar);
  return (1 - 1 / ratioSum) * sStar;
}
