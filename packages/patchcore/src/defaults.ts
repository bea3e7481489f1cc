import { loadBackbone, preprocessImage } from '@patchcore/backbone';
import type {
  FeatureExtractor,
  FeatureSampler,
  Logger,
  MemoryBank,
  SamplerDescription,
} from '@patchcore/core';
import { FaissMemoryBank } from '@patchcore/memory-bank';
import { createSampler } from '@patchcore/samplers';
import type { ImagePreprocessor } from './image-preprocessor.js';
import { PATCHCORE_DEFAULTS } from './options.js';
import type { TensorDevice } from './options.js';

/**
 * The one place where the orchestrator names concrete parts (ARCHITECTURE: defaults in one
 * place): the embedded backbone, the approximate greedy sampler and the exact faiss bank.
 * Everything else sees them only through the core contracts.
 */

/** What {@link resolveBackbone} needs. */
export interface BackboneRequest {
  /** Name or ONNX path. */
  readonly source: string;
  /** Layers to read, or undefined for the backbone's defaults. */
  readonly layers: readonly string[] | undefined;
  /** Input shape [3, H, W]. */
  readonly inputShape: readonly [number, number, number];
  /** Threads (0: runtime default). */
  readonly threads: number;
  /** Device asked for. */
  readonly device: TensorDevice;
  /** Logger. */
  readonly logger: Logger;
}

/**
 * Loads a backbone by name or path through `@patchcore/backbone`.
 *
 * @param request - name or path, layers, input shape, threads, device, logger.
 * @returns the feature extractor.
 */
export function resolveBackbone(request: BackboneRequest): Promise<FeatureExtractor> {
  return loadBackbone(request.source, {
    ...(request.layers === undefined ? {} : { layersToExtractFrom: request.layers }),
    inputShape: request.inputShape,
    intraOpThreads: request.threads,
    executionProvider: request.device === 'gpu' ? 'cuda' : 'cpu',
    logger: request.logger,
  });
}

/**
 * The default sampler: approximate greedy coreset, percentage 0.1, seed 0.
 *
 * @param device - tensor device.
 * @param logger - handed to the sampler.
 * @returns the sampler.
 */
export function createDefaultSampler(device: TensorDevice, logger: Logger): FeatureSampler {
  return createSampler(
    {
      name: 'approx_greedy_coreset',
      percentage: PATCHCORE_DEFAULTS.samplerPercentage,
      seed: PATCHCORE_DEFAULTS.samplerSeed,
      device,
    },
    logger,
  );
}

/**
 * Rebuilds a sampler from its manifest description (`describe()` output).
 *
 * @param description - as written by `describe()`.
 * @param logger - handed to the sampler.
 * @returns the sampler.
 * @throws {@link InvalidConfigError} for an unknown sampler or setting.
 */
export function createSamplerFromDescription(
  description: SamplerDescription,
  logger: Logger,
): FeatureSampler {
  return createSampler(description, logger);
}

/**
 * The default memory bank: exact faiss search (`'Flat'`), or the given index type.
 *
 * @param index - faiss factory string.
 * @param threads - faiss threads (0: the memory bank's own default).
 * @param logger - where the bank logs.
 * @returns an empty memory bank.
 */
export function createDefaultMemoryBank(
  index: string,
  threads: number,
  logger: Logger,
  searchParameters: Readonly<Record<string, number>> = {},
): MemoryBank {
  return new FaissMemoryBank({
    index,
    logger,
    searchParameters,
    ...(threads > 0 ? { threads } : {}),
  });
}

/** The default image preprocessor: `@patchcore/backbone`'s Pillow-exact `preprocessImage`. */
export const defaultPreprocessor: ImagePreprocessor = (path, settings) =>
  preprocessImage(path, {
    resize: settings.resize,
    cropSize: [settings.cropHeight, settings.cropWidth],
    normalization: settings.normalization,
  });
