import { NativeDependencyError } from '@patchcore/core';
import type { FeatureExtractor, FeatureSampler, Logger, MemoryBank } from '@patchcore/core';
import type { ImagePreprocessor } from './image-preprocessor.js';

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
  readonly device: string;
  /** Logger. */
  readonly logger: Logger;
}

function notYetAvailable(what: string, packageName: string): never {
  throw new NativeDependencyError(
    packageName,
    `${what} is not available yet from ${packageName}; pass it explicitly to PatchCore.load`,
  );
}

/**
 * Loads a backbone by name or path through `@patchcore/backbone`.
 *
 * @param request - name or path, layers, input shape, threads, device, logger.
 * @returns the feature extractor.
 */
export function resolveBackbone(request: BackboneRequest): Promise<FeatureExtractor> {
  return Promise.reject(
    new NativeDependencyError(
      '@patchcore/backbone',
      `cannot resolve backbone '${request.source}': @patchcore/backbone has no loadBackbone yet`,
    ),
  );
}

/**
 * The default sampler: approximate greedy coreset, percentage 0.1, seed 0.
 *
 * @param device - tensor device.
 * @returns the sampler.
 */
export function createDefaultSampler(device: string): FeatureSampler {
  return notYetAvailable(`the default sampler (device ${device})`, '@patchcore/samplers');
}

/**
 * Rebuilds a sampler from its manifest description.
 *
 * @param description - as written by `describe()`.
 * @returns the sampler.
 */
export function createSamplerFromDescription(description: unknown): FeatureSampler {
  return notYetAvailable(`sampler ${JSON.stringify(description)}`, '@patchcore/samplers');
}

/**
 * The default memory bank: exact faiss search (`'Flat'`), or the given index type.
 *
 * @param index - faiss factory string.
 * @param threads - faiss threads (0: default).
 * @returns an empty memory bank.
 */
export function createDefaultMemoryBank(index: string, threads: number): MemoryBank {
  return notYetAvailable(
    `the memory bank '${index}' (${threads} threads)`,
    '@patchcore/memory-bank',
  );
}

/** The default image preprocessor (`@patchcore/backbone`'s `preprocessImage`). */
export const defaultPreprocessor: ImagePreprocessor = (path) =>
  Promise.reject(
    new NativeDependencyError(
      '@patchcore/backbone',
      `cannot preprocess ${path}: @patchcore/backbone has no preprocessImage yet`,
    ),
  );
