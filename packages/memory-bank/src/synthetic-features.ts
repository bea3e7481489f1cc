import { createHostMatrix } from '@patchcore/core';
import type { HostMatrix } from '@patchcore/core';

/**
 * Draws rows from a seeded mixture with low intrinsic dimension, the shape CNN features have:
 * row = centre + W·z + noise, with `clusters` unit-normal centres, one random map W [D, latent]
 * shared by all rows (entries N(0, spread² / latent)), z ~ N(0, I) and noise N(0, 0.05²). Isotropic
 * noise in 1024 dimensions would make every row nearly equidistant from every other and the
 * recall of approximate indexes meaningless.
 *
 * @param rows - N.
 * @param dims - D.
 * @param seed - PRNG seed; the same seed gives the same matrix.
 * @param clusters - number of mixture components.
 * @param spread - standard deviation of W·z per dimension.
 * @param latent - intrinsic dimension of the spread around each centre.
 * @returns [N, D].
 * @internal
 */
export function syntheticFeatures(
  rows: number,
  dims: number,
  seed: number,
  clusters = 64,
  spread = 0.5,
  latent = 16,
): HostMatrix {
  // Centres and W come from a fixed stream, so bank and queries drawn with different seeds
  // share them and differ only in which rows are drawn.
  const shared = seededNormal(0x9e3779b9);
  const centres = new Float32Array(clusters * dims).map(() => shared());
  const scale = spread / Math.sqrt(latent);
  const map = new Float32Array(dims * latent).map(() => scale * shared());
  const normal = seededNormal(seed);
  const uniform = seededUniform(seed ^ 0x5bd1e995);
  const data = new Float32Array(rows * dims);
  const z = new Float64Array(latent);
  for (let row = 0; row < rows; row++) {
    const centre = Math.floor(uniform() * clusters) * dims;
    for (let l = 0; l < latent; l++) z[l] = normal();
    for (let j = 0; j < dims; j++) {
      let value = (centres[centre + j] as number) + 0.05 * normal();
      for (let l = 0; l < latent; l++) value += (map[j * latent + l] as number) * (z[l] as number);
      data[row * dims + j] = value;
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
