import type { SamplerDescription } from '@patchcore/core';
import { GreedyCoresetSampler } from './greedy-coreset-sampler.js';
import { RandomGenerator } from './random-generator.js';
import { SAMPLER_DEFAULTS, assertPositiveInteger } from './sampler-options.js';
import type { ApproximateGreedyCoresetSamplerOptions } from './sampler-options.js';

/**
 * Approximate greedy coreset (SPEC §3.7, §3.8), the reference's published setting: s =
 * min(`numberOfStartingPoints`, N) distinct rows drawn from the seeded generator (stream 1)
 * set every row's starting value to its mean distance to them; they are not picked themselves.
 * Then the same farthest-first loop as {@link GreedyCoresetSampler}, so the mean caps each
 * row's value for the whole run.
 *
 * @example
 * ```ts
 * const sampler = new ApproximateGreedyCoresetSampler(0.1, { numberOfStartingPoints: 10 });
 * const bank = await sampler.run(features);
 * ```
 */
export class ApproximateGreedyCoresetSampler extends GreedyCoresetSampler {
  /** Number of random starting rows. */
  readonly numberOfStartingPoints: number;

  /**
   * @param percentage - share of rows kept, in the open interval (0, 1).
   * @param options - as {@link GreedyCoresetSampler}, plus numberOfStartingPoints.
   * @throws RangeError naming the value for an invalid option.
   */
  constructor(percentage: number, options: ApproximateGreedyCoresetSamplerOptions = {}) {
    super(percentage, options);
    this.numberOfStartingPoints =
      options.numberOfStartingPoints ?? SAMPLER_DEFAULTS.numberOfStartingPoints;
    assertPositiveInteger('numberOfStartingPoints', this.numberOfStartingPoints);
    this.startRule = (rows) => ({
      kind: 'mean-of-starts',
      anchors: new RandomGenerator(this.seed, 1).sampleDistinct(
        rows,
        Math.min(this.numberOfStartingPoints, rows),
      ),
    });
  }

  /** @returns name and settings, as a config file would give them. */
  override describe(): SamplerDescription {
    return {
      ...super.describe(),
      name: 'approx_greedy_coreset',
      numberOfStartingPoints: this.numberOfStartingPoints,
    };
  }
}
