import { createHostMatrix } from '@patchcore/core';
import type { HostMatrix } from '@patchcore/core';

/**
 * Draws rows from a seeded Gaussian mixture: `clusters` centres with unit-normal entries and
 * rows scattered around them with standard deviation `spread`. Clustered data keeps the
 * recall of approximate indexes meaningful; uniform noise in 1024 dimensions would not.
 *
 * @param rows - N.
 * @param dims - D.
 * @param seed - PRNG seed; the same seed gives the same matrix.
 * @param clusters - number of mixture components.
 * @param spread - standard deviation around each centre.
 * @returns [N, D].
 * @internal
 */
export function syntheticFeatures(
  rows: number,
  dims: number,
  seed: number,
  clusters = 64,
  spread = 0.5,
): HostMatrix {
  const normal = seededNormal(seed);
  const centres = new Float32Array(clusters * dims).map(() => normal());
  const data = new Float32Array(rows * dims);
  const uniform = seededUniform(seed ^ 0x5bd1e995);
  for (let row = 0; row < rows; row++) {
    const centre = Math.floor(uniform() * clusters) * dims;
    for (let j = 0; j < dims; j++) {
      data[row * dims + j] = (centres[centre + j] as number) + spread * normal();
    }
  }
  return createHostMatrix(data, rows, dims);
}

/**
 * mulberry32: a small, fast 32-bit PRNG.
 *
 * @param seed - any integer.
 * @returns a function giving uniform numbers in [0, 1).
 */
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal numbers by the Box–Muller transform.
 *
 * @param seed - any integer.
 * @returns a function giving N(0, 1) samples.
 */
function seededNormal(seed: number): () => number {
  const uniform = seededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
