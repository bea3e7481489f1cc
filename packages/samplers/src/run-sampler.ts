import * as tf from '@tensorflow/tfjs-core';
import { silentLogger } from '@patchcore/core';
import type { CoresetSelection, HostMatrix, Logger, SamplerRunOptions } from '@patchcore/core';
import { gatherRows, isTensor, readFeatures, tensorBackendOf } from './feature-input.js';
import type { SelectionContext } from './selection-context.js';

/** Chooses row indices of a checked, non-empty host matrix. @internal */
export type RowChooser = (features: HostMatrix, context: SelectionContext) => Promise<Int32Array>;

/**
 * Checks the input, lets `choose` pick rows and returns them with their indices.
 *
 * @param features - host matrix or 2-D tensor.
 * @param options - per-call options.
 * @param fallbackLogger - the sampler's own logger.
 * @param choose - the sampler's row choice.
 * @returns indices and rows.
 * @internal
 */
export async function selectRows(
  features: unknown,
  options: SamplerRunOptions | undefined,
  fallbackLogger: Logger,
  choose: RowChooser,
): Promise<CoresetSelection> {
  const matrix = await readFeatures(features);
  const context: SelectionContext = {
    logger: options?.logger ?? fallbackLogger ?? silentLogger,
    onProgress: options?.onProgress,
  };
  const coresetIndices = await choose(matrix, context);
  return { coresetIndices, features: gatherRows(matrix, coresetIndices) };
}

/**
 * Runs a sampler and returns the chosen rows in the input's own container: a host matrix for a
 * host matrix, a tensor on the input tensor's backend for a tensor (even when another backend
 * is active).
 *
 * @param features - host matrix or 2-D tensor.
 * @param options - per-call options.
 * @param fallbackLogger - the sampler's own logger.
 * @param choose - the sampler's row choice.
 * @returns the chosen rows, in selection order.
 * @internal
 */
export async function runSampler(
  features: unknown,
  options: SamplerRunOptions | undefined,
  fallbackLogger: Logger,
  choose: RowChooser,
): Promise<HostMatrix | tf.Tensor2D> {
  // Where the input lives now: running the sampler may switch the active backend.
  const backend = isTensor(features) ? tensorBackendOf(features) : undefined;
  const selection = await selectRows(features, options, fallbackLogger, choose);
  if (!isTensor(features)) return selection.features;
  const { rows, dims } = selection.features;
  return tf
    .engine()
    .makeTensor(selection.features.data, [rows, dims], 'float32', backend) as tf.Tensor2D;
}
