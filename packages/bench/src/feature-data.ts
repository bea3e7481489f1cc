import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostMatrix } from '@patchcore/core';
import { createHostMatrix } from '@patchcore/core';
import { SeededRandom } from './seeded-random.js';

/** Number of cluster centres of the synthetic features. */
const SYNTHETIC_CLUSTERS = 64;

/**
 * Seeded synthetic features [rows, dims] shaped like PatchCore's aggregated backbone features:
 * non-negative (pooled ReLU outputs), clustered (patches of one object look alike), with a
 * few strong channels per cluster. Used when no real features are cached.
 *
 * @param rows - N.
 * @param dims - D.
 * @param seed - seed of the draw.
 * @returns the matrix.
 */
export function syntheticFeatures(rows: number, dims: number, seed: number): HostMatrix {
  const random = new SeededRandom(seed);
  const centres = new Float32Array(SYNTHETIC_CLUSTERS * dims);
  for (let i = 0; i < centres.length; i++) {
    const strong = random.next() < 0.1 ? 3 : 1;
    centres[i] = Math.abs(random.normal()) * strong;
  }
  const data = new Float32Array(rows * dims);
  for (let row = 0; row < rows; row++) {
    const centre = Math.floor(random.next() * SYNTHETIC_CLUSTERS) * dims;
    const offset = row * dims;
    for (let d = 0; d < dims; d++) {
      const value = (centres[centre + d] as number) + 0.5 * random.normal();
      data[offset + d] = value > 0 ? value : 0;
    }
  }
  return createHostMatrix(data, rows, dims);
}

/** Features for a benchmark, and where they came from. */
export interface BenchmarkFeatures {
  /** [rows, dims]. */
  readonly features: HostMatrix;
  /** `'bottle features (cached)'` or `'synthetic'`. */
  readonly source: string;
}

/** File name of the cached real features in the cache directory. */
export const REAL_FEATURES_FILE = 'bottle-train-features.f32';

/**
 * Features for the sampler and memory-bank cases: `rows` rows drawn (seeded, without
 * replacement) from the real bottle training features when a case cached them in `cacheDir`
 * (raw float32, `dims` columns), else seeded synthetic features.
 *
 * @param cacheDir - the harness's cache directory.
 * @param rows - N wanted.
 * @param dims - D wanted.
 * @param seed - seed of the draw.
 * @returns the features and their source.
 */
export async function loadBenchmarkFeatures(
  cacheDir: string,
  rows: number,
  dims: number,
  seed: number,
): Promise<BenchmarkFeatures> {
  const path = join(cacheDir, REAL_FEATURES_FILE);
  const size = await stat(path).then(
    (info) => info.size,
    () => 0,
  );
  const available = size / (4 * dims);
  if (!Number.isInteger(available) || available < rows) {
    return { features: syntheticFeatures(rows, dims, seed), source: 'synthetic' };
  }
  const bytes = await readFile(path);
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const chosen = new SeededRandom(seed).sampleIndices(rows, available);
  const data = new Float32Array(rows * dims);
  chosen.forEach((source, target) => {
    data.set(all.subarray(source * dims, (source + 1) * dims), target * dims);
  });
  return {
    features: createHostMatrix(data, rows, dims),
    source: `bottle train features (${rows} of ${available} rows)`,
  };
}
