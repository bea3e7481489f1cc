import type { HostMatrix, SamplerDescription } from '@patchcore/core';
import { BaseSampler } from './base-sampler.js';
import type { FarthestFirstProblem, FarthestFirstStart } from './farthest-first-problem.js';
import { farthestFirstTensor } from './farthest-first-tensor.js';
import {
  allocateKernelMemory,
  defaultKernelThreads,
  farthestFirstNative,
} from './kernels/farthest-first-native.js';
import { RandomGenerator } from './random-generator.js';
import { projectFeaturesInto } from './random-projection.js';
import { SAMPLER_DEFAULTS, assertDevice, assertPositiveInteger } from './sampler-options.js';
import type {
  FarthestFirstKernel,
  GreedyCoresetSamplerOptions,
  TensorDevice,
} from './sampler-options.js';
import type { SelectionContext } from './selection-context.js';
import { selectTensorBackend, useTensorBackend } from './tensor-backend.js';
import type { TensorBackendChoice } from './tensor-backend.js';

/**
 * Exact greedy coreset (SPEC §3.6, §3.8): projects the rows to `dimensionToProjectFeaturesTo`
 * dimensions (when D differs), starts at the row farthest from the centroid (the row whose
 * distance-matrix row has the largest norm) and then repeatedly picks the row farthest from
 * everything picked so far. Never builds an N × N matrix: memory is the input, the projected
 * rows and a few N-length vectors.
 *
 * @example
 * ```ts
 * const sampler = new GreedyCoresetSampler(0.1, { device: 'auto', seed: 0 });
 * const bank = await sampler.run(features, { onProgress: (e) => bar.update(e.done) });
 * ```
 */
export class GreedyCoresetSampler extends BaseSampler {
  /** TensorFlow.js device asked for. */
  readonly device: TensorDevice;
  /** D', the projection dimension. */
  readonly dimensionToProjectFeaturesTo: number;
  /** Seed of the projection (stream 0) and of index draws (stream 1). */
  readonly seed: number;
  private readonly backend: string | undefined;
  private readonly kernel: FarthestFirstKernel;
  private readonly threads: number | undefined;

  /**
   * @param percentage - share of rows kept, in the open interval (0, 1).
   * @param options - device, dimensionToProjectFeaturesTo, seed, logger and tuning options.
   * @throws RangeError naming the value for a percentage outside (0, 1), an unknown device,
   *   a non-positive dimension or a seed outside [0, 2³² − 1].
   */
  constructor(percentage: number, options: GreedyCoresetSamplerOptions = {}) {
    super(percentage, options);
    this.device = options.device ?? SAMPLER_DEFAULTS.device;
    assertDevice(this.device);
    this.dimensionToProjectFeaturesTo =
      options.dimensionToProjectFeaturesTo ?? SAMPLER_DEFAULTS.dimensionToProjectFeaturesTo;
    assertPositiveInteger('dimensionToProjectFeaturesTo', this.dimensionToProjectFeaturesTo);
    this.seed = options.seed ?? SAMPLER_DEFAULTS.seed;
    new RandomGenerator(this.seed);
    this.backend = options.backend;
    this.kernel = options.kernel ?? SAMPLER_DEFAULTS.kernel;
    if (!['auto', 'native', 'tensor'].includes(this.kernel)) {
      throw new RangeError(`kernel must be 'auto', 'native' or 'tensor', got '${this.kernel}'`);
    }
    this.threads = options.threads;
    if (this.threads !== undefined && !(Number.isInteger(this.threads) && this.threads >= 0)) {
      throw new RangeError(`threads must be a non-negative integer, got ${this.threads}`);
    }
  }

  /** @returns name and settings, as a config file would give them. */
  describe(): SamplerDescription {
    return {
      name: 'greedy_coreset',
      percentage: this.percentage,
      seed: this.seed,
      dimensionToProjectFeaturesTo: this.dimensionToProjectFeaturesTo,
      device: this.device,
    };
  }

  /** The start rule of this variant: here the exact variant's closed-form start. */
  protected startRule: (rows: number) => FarthestFirstStart = () => ({ kind: 'centroid' });

  /** Projects, then runs farthest-first on the chosen path. */
  protected async chooseRows(
    features: HostMatrix,
    count: number,
    context: SelectionContext,
  ): Promise<Int32Array> {
    const { logger } = context;
    const choice = await this.chooseBackend(context);
    const useKernel = this.kernel === 'native' || (this.kernel === 'auto' && !choice.gpu);
    const dims = this.dimensionToProjectFeaturesTo;
    const started = performance.now();
    const threads = this.threads ?? defaultKernelThreads(features.rows);
    const start = this.startRule(features.rows);
    const anchors = start.kind === 'centroid' ? 1 : start.anchors.length;
    const memory = useKernel
      ? allocateKernelMemory(features.rows, dims, threads, count + anchors + 1)
      : undefined;
    const stride = memory?.stride ?? dims;
    const projected = memory?.projected ?? new Float32Array(features.rows * stride);
    projectFeaturesInto(features, dims, this.seed, projected, stride);
    const projectedAt = performance.now();
    const problem: FarthestFirstProblem = {
      projected,
      rows: features.rows,
      dims,
      stride,
      count,
      start,
      logger,
      onProgress: context.onProgress,
    };
    const picks =
      memory === undefined
        ? farthestFirstTensor(problem)
        : await farthestFirstNative(problem, memory, threads);
    const finished = performance.now();
    logger.info(
      () =>
        `samplers: ${this.describe().name} picked ${count} of ${features.rows} rows on ` +
        `'${choice.name}' (${useKernel ? describeKernelThreads(threads) : 'tensor ops'}): ` +
        `projection ${(projectedAt - started).toFixed(0)} ms, ` +
        `farthest-first ${(finished - projectedAt).toFixed(0)} ms`,
    );
    return picks;
  }

  private async chooseBackend(context: SelectionContext): Promise<TensorBackendChoice> {
    if (this.backend !== undefined) return useTensorBackend(this.backend, context.logger);
    return selectTensorBackend(this.device, context.logger);
  }
}

/** How the native kernel ran, for the log: 0 worker threads means the calling thread. */
function describeKernelThreads(threads: number): string {
  if (threads === 0) return 'native kernel on the calling thread';
  return `native kernel, ${threads} worker thread${threads === 1 ? '' : 's'}`;
}
