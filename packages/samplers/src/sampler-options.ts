import type { Logger } from '@patchcore/core';

/** Which TensorFlow.js device a sampler may use: see {@link selectTensorBackend}. */
export type TensorDevice = 'auto' | 'cpu' | 'gpu';

/** Which implementation runs the farthest-first loop of the greedy samplers. */
export type FarthestFirstKernel = 'auto' | 'native' | 'tensor';

/** Options shared by every sampler. */
export interface CommonSamplerOptions {
  /**
   * Receives which backend was chosen and timing details.
   * @defaultValue `silentLogger` (from `@patchcore/core`)
   */
  readonly logger?: Logger;
}

/** Options of {@link RandomSampler}. */
export interface RandomSamplerOptions extends CommonSamplerOptions {
  /**
   * Seed of the index draw, an integer in [0, 2³² − 1].
   * @defaultValue 0
   */
  readonly seed?: number;
}

/** Options of {@link GreedyCoresetSampler}. */
export interface GreedyCoresetSamplerOptions extends RandomSamplerOptions {
  /**
   * TensorFlow.js device: `'auto'` takes the best installed backend (tfjs-node-gpu, tfjs-node,
   * wasm, cpu), `'gpu'` demands tfjs-node-gpu, `'cpu'` never uses a GPU.
   * @defaultValue 'auto'
   */
  readonly device?: TensorDevice;
  /**
   * Dimension D' of the random projection; rows are projected only when D differs from it.
   * @defaultValue 128
   */
  readonly dimensionToProjectFeaturesTo?: number;
  /**
   * An explicit TensorFlow.js backend name (`'wasm'`, `'cpu'`, `'tensorflow'`) that overrides
   * `device`; meant for tests and benchmarks that compare backends.
   * @defaultValue undefined (use `device`)
   */
  readonly backend?: string;
  /**
   * Farthest-first implementation: `'native'` is the dedicated WebAssembly SIMD kernel on
   * worker threads (CPU backends), `'tensor'` the plain TensorFlow.js tensor-op loop, `'auto'`
   * the kernel on CPU backends and tensor ops on a GPU backend. Both pick the same rows.
   * @defaultValue 'auto'
   */
  readonly kernel?: FarthestFirstKernel;
  /**
   * Worker threads of the native kernel; 0 runs it on the calling thread.
   * @defaultValue min(2, available cores), and 0 below 4,096 rows
   */
  readonly threads?: number;
}

/** Options of {@link ApproximateGreedyCoresetSampler}. */
export interface ApproximateGreedyCoresetSamplerOptions extends GreedyCoresetSamplerOptions {
  /**
   * Number of distinct seeded starting rows whose mean distance initialises every row's value.
   * @defaultValue 10
   */
  readonly numberOfStartingPoints?: number;
}

/** The defaults, in one place. */
export const SAMPLER_DEFAULTS: Readonly<{
  percentage: number;
  seed: number;
  device: TensorDevice;
  dimensionToProjectFeaturesTo: number;
  numberOfStartingPoints: number;
  kernel: FarthestFirstKernel;
}> = Object.freeze({
  percentage: 0.1,
  seed: 0,
  device: 'auto',
  dimensionToProjectFeaturesTo: 128,
  numberOfStartingPoints: 10,
  kernel: 'auto',
});

/**
 * Checks the share of rows to keep.
 *
 * @param percentage - the value to check.
 * @throws RangeError naming the value unless it lies in the open interval (0, 1) (NaN fails).
 */
export function assertPercentage(percentage: number): void {
  if (!(typeof percentage === 'number' && percentage > 0 && percentage < 1)) {
    throw new RangeError(
      `percentage must lie in the open interval (0, 1), got ${String(percentage)}` +
        ' (use IdentitySampler to keep every row)',
    );
  }
}

/**
 * Number of rows a sampler keeps (SPEC §3.8 item 2).
 *
 * @param rows - N, the number of input rows (at least 1).
 * @param percentage - share in (0, 1).
 * @returns n = max(1, ⌊N · percentage⌋), never above N.
 */
export function coresetSize(rows: number, percentage: number): number {
  return Math.min(rows, Math.max(1, Math.floor(rows * percentage)));
}

/**
 * Checks a positive integer option.
 *
 * @param what - the option's name.
 * @param value - its value.
 * @throws RangeError naming the option and value unless it is an integer ≥ 1.
 */
export function assertPositiveInteger(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${what} must be a positive integer, got ${String(value)}`);
  }
}

/**
 * Checks a device name.
 *
 * @param device - the value to check.
 * @throws RangeError naming the value unless it is 'auto', 'cpu' or 'gpu'.
 */
export function assertDevice(device: string): asserts device is TensorDevice {
  if (device !== 'auto' && device !== 'cpu' && device !== 'gpu') {
    throw new RangeError(`device must be 'auto', 'cpu' or 'gpu', got '${device}'`);
  }
}
