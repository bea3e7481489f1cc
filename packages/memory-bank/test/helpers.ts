import { createHostMatrix } from '@patchcore/core';
import type { HostMatrix } from '@patchcore/core';
import { expect } from 'vitest';

/** Seeded uniform numbers in [-1, 1) (mulberry32). */
export function seededMatrix(rows: number, dims: number, seed: number): HostMatrix {
  let state = seed >>> 0;
  const data = new Float32Array(rows * dims);
  for (let i = 0; i < data.length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    data[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return createHostMatrix(data, rows, dims);
}

/** Plain float64 brute force: for each query, all rows sorted by squared L2, index on ties. */
export function bruteForce(
  bank: HostMatrix,
  queries: HostMatrix,
  k: number,
): { distances: number[][]; indices: number[][] } {
  const distances: number[][] = [];
  const indices: number[][] = [];
  for (let q = 0; q < queries.rows; q++) {
    const all: [number, number][] = [];
    for (let r = 0; r < bank.rows; r++) {
      let sum = 0;
      for (let j = 0; j < bank.dims; j++) {
        const d = queries.data[q * queries.dims + j]! - bank.data[r * bank.dims + j]!;
        sum += d * d;
      }
      all.push([sum, r]);
    }
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    distances.push(all.slice(0, k).map((pair) => pair[0]));
    indices.push(all.slice(0, k).map((pair) => pair[1]));
  }
  return { distances, indices };
}

/** The one float tolerance of this package's tests: relative 1e-4 with an absolute floor. */
export function expectClose(actual: number, expected: number, absolute = 1e-4): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(absolute + 1e-4 * Math.abs(expected));
}
