import type { HostMatrix } from './host-matrix.js';
import type { Logger } from './logger.js';
import type { ProgressCallback } from './progress.js';

/** The sampler names a config file may use. */
export type SamplerName = 'identity' | 'random' | 'greedy_coreset' | 'approx_greedy_coreset';

/**
 * A sampler's settings as plain data: enough to rebuild the same sampler, and what a model
 * manifest records. The keys are the seed's parameter names in camelCase.
 */
export interface SamplerDescription {
  /** Which sampler. */
  readonly name: SamplerName;
  /** Share of rows kept, in (0, 1); absent for the identity sampler. */
  readonly percentage?: number;
  /** Seed of every random draw; absent for the identity sampler. */
  readonly seed?: number;
  /** Target dimension of the random projection (greedy samplers). */
  readonly dimensionToProjectFeaturesTo?: number;
  /** Number of random starting points (approximate greedy sampler). */
  readonly numberOfStartingPoints?: number;
  /** The tensor device asked for: 'auto', 'cpu' or 'gpu'. */
  readonly device?: string;
}

/** Per-call options of {@link FeatureSampler.run}. */
export interface SamplerRunOptions {
  /** Receives progress of long runs (done and total count selected rows). */
  readonly onProgress?: ProgressCallback;
  /** Overrides the logger given at construction for this call. */
  readonly logger?: Logger;
}

/** The rows a sampler chose. */
export interface CoresetSelection {
  /** Indices into the input rows, in selection order. */
  readonly coresetIndices: Int32Array;
  /** The chosen rows of the input (unprojected), in selection order: [n, D]. */
  readonly features: HostMatrix;
}

/**
 * The `featuresampler` contract: chooses which training patches become the memory bank.
 * `model.load({ featuresampler })` accepts any object implementing it.
 */
export interface FeatureSampler {
  /** The sampler's name and settings. */
  describe(): SamplerDescription;
  /**
   * How many rows {@link FeatureSampler.run} will keep from `featureCount` rows, for samplers
   * that know it in advance. The orchestrator uses it to refuse settings the memory bank cannot
   * satisfy (e.g. k larger than the bank) before the long extraction and sampling steps.
   *
   * @param featureCount - N, the number of training rows.
   */
  coresetSize?(featureCount: number): number;
  /**
   * Chooses rows of `features` [N, D] and returns them [n, D] in selection order.
   *
   * @param features - all training patches.
   * @param options - progress callback and logger.
   */
  run(features: HostMatrix, options?: SamplerRunOptions): Promise<HostMatrix>;
  /**
   * Like {@link FeatureSampler.run}, also returning the chosen row indices.
   *
   * @param features - all training patches.
   * @param options - progress callback and logger.
   */
  select(features: HostMatrix, options?: SamplerRunOptions): Promise<CoresetSelection>;
}
