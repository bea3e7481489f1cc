import type { HostMatrix, SamplerDescription } from '@patchcore/core';
import { BaseSampler } from './base-sampler.js';
import { RandomGenerator } from './random-generator.js';
import { SAMPLER_DEFAULTS } from './sampler-options.js';
import type { RandomSamplerOptions } from './sampler-options.js';
import type { SelectionContext } from './selection-context.js';

/**
 * Keeps n = max(1, ⌊N · percentage⌋) rows drawn uniformly without replacement from the seeded
 * generator (stream 1), in draw order (SPEC §3.3).
 *
 * @example
 * ```ts
 * const sampler = new RandomSampler(0.1, { seed: 7 });
 * const bank = await sampler.run(features);
 * ```
 */
export class RandomSampler extends BaseSampler {
  /** Seed of the draw. */
  readonly seed: number;

  /**
   * @param percentage - share of rows kept, in the open interval (0, 1).
   * @param options - seed and logger.
   * @throws RangeError for a percentage outside (0, 1) or a seed outside [0, 2³² − 1].
   */
  constructor(percentage: number, options: RandomSamplerOptions = {}) {
    super(percentage, options);
    this.seed = options.seed ?? SAMPLER_DEFAULTS.seed;
    new RandomGenerator(this.seed);
  }

  /** @returns name, percentage and seed. */
  describe(): SamplerDescription {
    return { name: 'random', percentage: this.percentage, seed: this.seed };
  }

  /** Draws the rows. */
  protected chooseRows(
    features: HostMatrix,
    count: number,
    context: SelectionContext,
  ): Promise<Int32Array> {
    const started = performance.now();
    const indices = new RandomGenerator(this.seed, 1).sampleDistinct(features.rows, count);
    context.onProgress?.({
      stage: 'sample',
      done: count,
      total: count,
      elapsedMs: performance.now() - started,
    });
    return Promise.resolve(indices);
  }
}
