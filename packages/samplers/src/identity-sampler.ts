import type * as tf from '@tensorflow/tfjs-core';
import { silentLogger } from '@patchcore/core';
import type {
  CoresetSelection,
  FeatureSampler,
  HostMatrix,
  Logger,
  SamplerDescription,
  SamplerRunOptions,
} from '@patchcore/core';
import { readFeatures } from './feature-input.js';
import type { CommonSamplerOptions } from './sampler-options.js';

/**
 * The no-op sampler: keeps every row (SPEC §3.2). Use it for small training sets.
 *
 * @example
 * ```ts
 * const sampler = new IdentitySampler();
 * const bank = await sampler.run(features); // the same rows, the same object
 * ```
 */
export class IdentitySampler implements FeatureSampler {
  private readonly logger: Logger;

  /**
   * @param options - logger.
   */
  constructor(options: CommonSamplerOptions = {}) {
    this.logger = options.logger ?? silentLogger;
  }

  /** @returns `{ name: 'identity' }`. */
  describe(): SamplerDescription {
    return { name: 'identity' };
  }

  /**
   * @param featureCount - N.
   * @returns N: every row is kept.
   */
  coresetSize(featureCount: number): number {
    return featureCount;
  }

  /**
   * Checks the input and returns it unchanged: the same host matrix or tensor object.
   *
   * @param features - [N, D] training patches.
   * @param options - logger.
   * @returns `features` itself.
   * @throws {@link PatchcoreError} for non-2-D or empty input, {@link NonFiniteValueError} for
   *   NaN or infinite values.
   */
  run(features: HostMatrix, options?: SamplerRunOptions): Promise<HostMatrix>;
  run(features: tf.Tensor2D, options?: SamplerRunOptions): Promise<tf.Tensor2D>;
  async run(
    features: HostMatrix | tf.Tensor2D,
    options?: SamplerRunOptions,
  ): Promise<HostMatrix | tf.Tensor2D> {
    const matrix = await readFeatures(features);
    (options?.logger ?? this.logger).debug(
      () => `samplers: identity keeps all ${matrix.rows} rows`,
    );
    return features;
  }

  /**
   * @param features - [N, D] training patches.
   * @param options - logger.
   * @returns every index 0 … N − 1 and the rows themselves.
   */
  async select(
    features: HostMatrix | tf.Tensor2D,
    options?: SamplerRunOptions,
  ): Promise<CoresetSelection> {
    const matrix = await readFeatures(features);
    (options?.logger ?? this.logger).debug(
      () => `samplers: identity keeps all ${matrix.rows} rows`,
    );
    const coresetIndices = new Int32Array(matrix.rows);
    for (let i = 0; i < matrix.rows; i++) coresetIndices[i] = i;
    return { coresetIndices, features: matrix };
  }
}
