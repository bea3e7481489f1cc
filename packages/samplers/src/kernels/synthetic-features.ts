/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops indexed under their bound (STYLE.md §5) */
import type { HostMatrix } from '@patchcore/core';
import { RandomGenerator } from '../random-generator.js';

/**
 * Seeded synthetic features shaped like CNN patch features: non-negative (ReLU), a mixture of
 * `clusters` groups, each a low-rank (8) variation around its centre plus small noise, with
 * exponential centre values (most dimensions small, a few large).
 *
 * @param rows - N.
 * @param dims - D.
 * @param seed - generator seed.
 * @param clusters - mixture components.
 * @returns [N, D] host matrix.
 */
export function syntheticFeatures(rows: number, dims: number, seed = 0, clusters = 64): HostMatrix {
  const random = new RandomGenerator(seed, 7);
  const rank = 8;
  const centres = new Float32Array(clusters * dims);
  for (let k = 0; k < centres.length; k++) centres[k] = -Math.log(random.nextOpenUnit()) - 0.5;
  const bases = new Float32Array(clusters * rank * dims);
  for (let k = 0; k < bases.length; k++) bases[k] = (random.nextOpenUnit() - 0.5) * 0.6;
  const data = new Float32Array(rows * dims);
  const latent = new Float32Array(rank);
  for (let i = 0; i < rows; i++) {
    const cluster = random.nextBelow(clusters);
    for (let r = 0; r < rank; r++) latent[r] = 2 * random.nextOpenUnit() - 1;
    const centre = cluster * dims;
    const basis = cluster * rank * dims;
    const out = i * dims;
    for (let j = 0; j < dims; j++) {
      let value = centres[centre + j]! + 0.05 * (random.nextOpenUnit() - 0.5);
      for (let r = 0; r < rank; r++) value += latent[r]! * bases[basis + r * dims + j]!;
      data[out + j] = value > 0 ? value : 0;
    }
  }
  return { data, rows, dims };
}
