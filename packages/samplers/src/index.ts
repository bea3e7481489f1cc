/**
 * Coreset samplers of the PatchCore toolkit: identity, random, exact greedy and approximate
 * greedy, all implementing the `FeatureSampler` contract of `@patchcore/core`, on a
 * TensorFlow.js backend, with a dedicated WebAssembly SIMD farthest-first kernel on CPU
 * backends.
 *
 * @packageDocumentation
 */
export { IdentitySampler } from './identity-sampler.js';
export { BaseSampler } from './base-sampler.js';
export { RandomSampler } from './random-sampler.js';
export { GreedyCoresetSampler } from './greedy-coreset-sampler.js';
export { ApproximateGreedyCoresetSampler } from './approximate-greedy-coreset-sampler.js';
export { createSampler } from './create-sampler.js';
export type { SamplerConfig } from './create-sampler.js';
export { selectTensorBackend, useTensorBackend } from './tensor-backend.js';
export type { TensorBackendChoice, BackendAttempt } from './tensor-backend.js';
export { SAMPLER_DEFAULTS, coresetSize } from './sampler-options.js';
export type {
  TensorDevice,
  FarthestFirstKernel,
  CommonSamplerOptions,
  RandomSamplerOptions,
  GreedyCoresetSamplerOptions,
  ApproximateGreedyCoresetSamplerOptions,
} from './sampler-options.js';
export { RandomGenerator } from './random-generator.js';
export { projectionMatrix } from './random-projection.js';
