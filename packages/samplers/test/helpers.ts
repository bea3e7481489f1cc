import type { HostMatrix } from '@patchcore/core';
import { RandomGenerator, projectionMatrix } from '../src/index.js';

/** The TensorFlow.js backends installed here, each run through the shared suites. */
export const BACKENDS = ['wasm', 'cpu'] as const;

/**
 * Seeded clustered data: `clusters` well-separated centres in [0, 20)^D, rows spread around
 * them with uniform noise of half-width `spread`.
 */
export function clusteredRows(
  rows: number,
  dims: number,
  seed: number,
  clusters = 8,
  spread = 1,
): HostMatrix {
  const random = new RandomGenerator(seed, 5);
  const centres = Array.from({ length: clusters }, () =>
    Float64Array.from({ length: dims }, () => random.nextOpenUnit() * 20),
  );
  const data = new Float32Array(rows * dims);
  for (let i = 0; i < rows; i++) {
    const centre = centres[random.nextBelow(clusters)]!;
    for (let j = 0; j < dims; j++) {
      data[i * dims + j] = centre[j]! + (2 * random.nextOpenUnit() - 1) * spread;
    }
  }
  return { data, rows, dims };
}

/** Z = X · Wᵀ in float64 with the sampler's W, or X itself when D = D'. */
export function projectFloat64(features: HostMatrix, target: number, seed: number): Float64Array[] {
  const { data, rows, dims } = features;
  const out: Float64Array[] = [];
  const weights = dims === target ? undefined : projectionMatrix(dims, target, seed);
  for (let i = 0; i < rows; i++) {
    const row = data.subarray(i * dims, (i + 1) * dims);
    if (weights === undefined) {
      out.push(Float64Array.from(row));
      continue;
    }
    const z = new Float64Array(target);
    for (let k = 0; k < target; k++) {
      let sum = 0;
      for (let j = 0; j < dims; j++) sum += weights[k * dims + j]! * row[j]!;
      z[k] = sum;
    }
    out.push(z);
  }
  return out;
}

/** Plain Euclidean distance in float64. */
export function distance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j]! - b[j]!) ** 2;
  return Math.sqrt(sum);
}

/** Result of the brute-force farthest-first. */
export interface BruteForceRun {
  /** Picks in order. */
  readonly picks: number[];
  /** Smallest relative gap between the winner and the runner-up over all argmax steps. */
  readonly smallestGap: number;
}

/**
 * Farthest-first written plainly (SPEC §3.6–3.8), float64, O(N²) memory for the start only.
 *
 * @param z - projected rows.
 * @param count - picks.
 * @param anchors - approximate variant's starting rows, or undefined for the exact variant.
 */
export function bruteForceFarthestFirst(
  z: Float64Array[],
  count: number,
  anchors?: ArrayLike<number>,
): BruteForceRun {
  const rows = z.length;
  const selected = new Uint8Array(rows);
  const value = new Float64Array(rows);
  const picks: number[] = [];
  let smallestGap = Infinity;
  if (anchors === undefined) {
    // Start: the row whose row of the full distance matrix has the largest norm.
    let best = -1;
    let bestNorm = -1;
    for (let i = 0; i < rows; i++) {
      let norm = 0;
      for (let j = 0; j < rows; j++) norm += distance(z[i]!, z[j]!) ** 2;
      if (norm > bestNorm) {
        bestNorm = norm;
        best = i;
      }
    }
    picks.push(best);
    selected[best] = 1;
    for (let i = 0; i < rows; i++) value[i] = distance(z[i]!, z[best]!);
  } else {
    for (let i = 0; i < rows; i++) {
      let sum = 0;
      for (let a = 0; a < anchors.length; a++) sum += distance(z[i]!, z[anchors[a]!]!);
      value[i] = sum / anchors.length;
    }
  }
  while (picks.length < count) {
    let best = -1;
    let second = -1;
    for (let i = 0; i < rows; i++) {
      if (selected[i] === 1) continue;
      if (best < 0 || value[i]! > value[best]!) {
        if (best >= 0) second = Math.max(second, value[best]!);
        best = i;
      } else second = Math.max(second, value[i]!);
    }
    if (value[best]! === 0) break;
    smallestGap = Math.min(smallestGap, (value[best]! - second) / value[best]!);
    picks.push(best);
    selected[best] = 1;
    for (let i = 0; i < rows; i++) value[i] = Math.min(value[i]!, distance(z[i]!, z[best]!));
    value[best] = 0;
  }
  for (let i = 0; picks.length < count; i++) if (selected[i] === 0) picks.push(i);
  return { picks, smallestGap };
}

/** Largest distance from any row to its nearest picked row. */
export function coverageRadiusOf(z: Float64Array[], picks: ArrayLike<number>): number {
  let radius = 0;
  for (const row of z) {
    let nearest = Infinity;
    for (let k = 0; k < picks.length; k++)
      nearest = Math.min(nearest, distance(row, z[picks[k]!]!));
    radius = Math.max(radius, nearest);
  }
  return radius;
}
