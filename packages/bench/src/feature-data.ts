import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostMatrix } from '@patchcore/core';
import { createHostMatrix, writeFileAtomic } from '@patchcore/core';
import type { BenchmarkMode } from './benchmark-case.js';
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

/** Rows read per chunk from the cache file (4 MiB at D = 1024). */
const CHUNK_ROWS = 1024;

/**
 * Reads the given rows (ascending) of a raw float32 file in fixed-size chunks, so that only
 * the rows kept, not the whole file, end up in memory.
 */
async function readRows(path: string, chosen: Int32Array, dims: number): Promise<Float32Array> {
  const data = new Float32Array(chosen.length * dims);
  const chunk = new Float32Array(CHUNK_ROWS * dims);
  const chunkBytes = new Uint8Array(chunk.buffer);
  const file = await open(path, 'r');
  try {
    let loadedFrom = -1;
    for (let target = 0; target < chosen.length; target++) {
      const row = chosen[target] as number;
      const start = row - (row % CHUNK_ROWS);
      if (start !== loadedFrom) {
        await file.read(chunkBytes, 0, chunkBytes.byteLength, start * dims * 4);
        loadedFrom = start;
      }
      const offset = (row - start) * dims;
      data.set(chunk.subarray(offset, offset + dims), target * dims);
    }
  } finally {
    await file.close();
  }
  return data;
}

/** Features for a benchmark, and where they came from. */
export interface BenchmarkFeatures {
  /** [rows, dims]. */
  readonly features: HostMatrix;
  /** `'bottle features (cached)'` or `'synthetic'`. */
  readonly source: string;
}

/**
 * Path of the cached real features: raw row-major float32, `dims` columns, one file per mode
 * (quick mode caches only a few images' features).
 *
 * @param cacheDir - the harness's cache directory.
 * @param mode - the mode that wrote them.
 * @param dims - D.
 * @returns the path.
 */
export function realFeaturesPath(cacheDir: string, mode: BenchmarkMode, dims: number): string {
  return join(cacheDir, `bottle-train-features.${mode}.d${dims}.f32`);
}

/**
 * Tells whether real features of this mode and dimension are cached.
 *
 * @param cacheDir - the harness's cache directory.
 * @param mode - the current mode.
 * @param dims - D.
 * @returns true when a non-empty cache file exists.
 */
export async function hasRealFeatures(
  cacheDir: string,
  mode: BenchmarkMode,
  dims: number,
): Promise<boolean> {
  return stat(realFeaturesPath(cacheDir, mode, dims)).then(
    (info) => info.size > 0,
    () => false,
  );
}

/**
 * Caches real training features for later cases of the same mode.
 *
 * @param cacheDir - the harness's cache directory.
 * @param mode - the current mode.
 * @param features - [N, D].
 */
export async function cacheRealFeatures(
  cacheDir: string,
  mode: BenchmarkMode,
  features: HostMatrix,
): Promise<void> {
  const { data } = features;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  await writeFileAtomic(realFeaturesPath(cacheDir, mode, features.dims), bytes);
}

/**
 * Features for the sampler and memory-bank cases: `rows` rows drawn (seeded, without
 * replacement) from the real bottle training features when the end-to-end case cached enough
 * of them (see {@link cacheRealFeatures}), else seeded synthetic features.
 *
 * @param cacheDir - the harness's cache directory.
 * @param mode - the current mode.
 * @param rows - N wanted.
 * @param dims - D wanted.
 * @param seed - seed of the draw.
 * @returns the features and their source.
 */
export async function loadBenchmarkFeatures(
  cacheDir: string,
  mode: BenchmarkMode,
  rows: number,
  dims: number,
  seed: number,
): Promise<BenchmarkFeatures> {
  const path = realFeaturesPath(cacheDir, mode, dims);
  const size = await stat(path).then(
    (info) => info.size,
    () => 0,
  );
  const available = size / (4 * dims);
  if (!Number.isInteger(available) || available < rows) {
    return { features: syntheticFeatures(rows, dims, seed), source: 'synthetic' };
  }
  const chosen = new SeededRandom(seed).sampleIndices(rows, available);
  const data = await readRows(path, chosen, dims);
  return {
    features: createHostMatrix(data, rows, dims),
    source: `bottle (${rows} of ${available} rows)`,
  };
}
