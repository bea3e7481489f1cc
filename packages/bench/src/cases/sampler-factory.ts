import type { FeatureSampler, Logger, SamplerName } from '@patchcore/core';
import { importExports } from '../optional-import.js';

type CreateSampler = (config: Record<string, unknown>, logger?: Logger) => FeatureSampler;
type SelectTensorBackend = (device: string, logger?: Logger) => Promise<{ name: string }>;

/**
 * Builds a sampler through `@patchcore/samplers`' `createSampler`, with its defaults for
 * everything but the share kept and the seed.
 *
 * @param name - which sampler.
 * @param percentage - share of rows kept (not passed to the identity sampler).
 * @param seed - seed of its random draws (not passed to the identity sampler).
 * @param logger - receives the sampler's notes.
 * @returns the sampler.
 * @throws {@link CaseUnavailableError} when the package does not export `createSampler`.
 */
export async function createBenchmarkSampler(
  name: SamplerName,
  percentage: number,
  seed: number,
  logger?: Logger,
): Promise<FeatureSampler> {
  const module = await importExports('@patchcore/samplers', ['createSampler']);
  const createSampler = module['createSampler'] as CreateSampler;
  return createSampler(name === 'identity' ? { name } : { name, percentage, seed }, logger);
}

/**
 * The TensorFlow.js backend the greedy samplers use with their default device (`'auto'`).
 *
 * @param logger - receives the samplers package's note on the choice.
 * @returns its name, e.g. `'wasm'`.
 * @throws {@link CaseUnavailableError} when the package does not export `selectTensorBackend`.
 */
export async function activeTensorBackend(logger?: Logger): Promise<string> {
  const module = await importExports('@patchcore/samplers', ['selectTensorBackend']);
  const select = module['selectTensorBackend'] as SelectTensorBackend;
  return (await select('auto', logger)).name;
}
