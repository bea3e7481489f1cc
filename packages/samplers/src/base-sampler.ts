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
import { runSampler, selectRows } from './run-sampler.js';
import { assertPercentage, coresetSize } from './sampler-options.js';
import type { CommonSamplerOptions } from './sampler-options.js';
import type { SelectionContext } from './selection-context.js';

/**
 * Abstract base of the subsampling samplers: holds and validates `percentage` and turns a
 * subclass's row choice into the {@link FeatureSampler} contract, for host matrices and
 * TensorFlow.js tensors alike.
 */
export abstract class BaseSampler implements FeatureSampler {
  /** Share of rows kept, in the open interval (0, 1). */
  readonly percentage: number;
  /** The logger given at construction. */
  protected readonly logger: Logger;

  /**
   * @param percentage - share of rows kept, in the open interval (0, 1).
   * @param options - logger.
   * @throws RangeError naming `percentage` when it is outside (0, 1) or NaN.
   */
  protected constructor(percentage: number, options: CommonSamplerOptions = {}) {
    assertPercentage(percentage);
    this.percentage = percentage;
    this.logger = options.logger ?? silentLogger;
  }

  /** The sampler's name and settings. */
  abstract describe(): SamplerDescription;

  /**
   * How many rows {@link BaseSampler.run} keeps from `featureCount` rows.
   *
   * @param featureCount - N, at least 1.
   * @returns n = max(1, ⌊N · percentage⌋) (SPEC §3.8 item 2).
   */
  coresetSize(featureCount: number): number {
    return coresetSize(featureCount, this.percentage);
  }

  /**
   * Chooses `count` distinct row indices, in selection order.
   *
   * @param features - checked input [N, D].
   * @param count - n = max(1, ⌊N · percentage⌋).
   * @param context - logger, progress and input kind.
   */
  protected abstract chooseRows(
    features: HostMatrix,
    count: number,
    context: SelectionContext,
  ): Promise<Int32Array>;

  /**
   * Chooses rows and returns them, unprojected, in selection order, in the container given:
   * a host matrix for a host matrix, a tensor on the same backend for a tensor.
   *
   * @param features - [N, D] training patches.
   * @param options - progress callback (stage `'sample'`) and logger.
   * @returns [n, D] with n = max(1, ⌊N · percentage⌋).
   * @throws {@link PatchcoreError} for non-2-D or empty input, {@link NonFiniteValueError} for
   *   NaN or infinite values.
   */
  run(features: HostMatrix, options?: SamplerRunOptions): Promise<HostMatrix>;
  run(features: tf.Tensor2D, options?: SamplerRunOptions): Promise<tf.Tensor2D>;
  run(
    features: HostMatrix | tf.Tensor2D,
    options?: SamplerRunOptions,
  ): Promise<HostMatrix | tf.Tensor2D> {
    return runSampler(features, options, this.logger, (matrix, context) =>
      this.choose(matrix, context),
    );
  }

  /**
   * Like {@link BaseSampler.run}, returning host rows together with their indices.
   *
   * @param features - [N, D] training patches.
   * @param options - progress callback and logger.
   * @returns `coresetIndices` and `features` in selection order.
   */
  select(
    features: HostMatrix | tf.Tensor2D,
    options?: SamplerRunOptions,
  ): Promise<CoresetSelection> {
    return selectRows(features, options, this.logger, (matrix, context) =>
      this.choose(matrix, context),
    );
  }

  private choose(features: HostMatrix, context: SelectionContext): Promise<Int32Array> {
    return this.chooseRows(features, coresetSize(features.rows, this.percentage), context);
  }
}
