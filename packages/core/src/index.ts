/**
 * Contracts and shared types of the PatchCore toolkit: the host matrix that carries features
 * between stages, the sampler, memory-bank and backbone contracts, errors, logging and progress.
 *
 * @packageDocumentation
 */
export { createHostMatrix, isHostMatrix, matrixRow } from './host-matrix.js';
export type { HostMatrix } from './host-matrix.js';
export {
  PatchcoreError,
  ShapeMismatchError,
  NonFiniteValueError,
  InvalidFileError,
  NativeDependencyError,
  InvalidStateError,
  InvalidConfigError,
} from './errors.js';
export type { PatchcoreErrorCode } from './errors.js';
export { fileErrorReason } from './file-error-reason.js';
export { writeFileAtomic } from './atomic-write.js';
export { assertFinite, assertIntegerInRange } from './validation.js';
export { silentLogger, renderLogMessage } from './logger.js';
export type { Logger, LogMessage } from './logger.js';
export type { ProgressEvent, ProgressCallback } from './progress.js';
export type {
  FeatureSampler,
  SamplerName,
  SamplerDescription,
  SamplerRunOptions,
  CoresetSelection,
} from './feature-sampler.js';
export type { MemoryBank, MemoryBankDescription, NeighborSearchResult } from './memory-bank.js';
export type {
  FeatureExtractor,
  FeatureMap,
  ImageBatch,
  ChannelNormalization,
  BackboneDescription,
} from './feature-extractor.js';
export type { ImageSample, SampleBatches, Label } from './image-sample.js';
export type { CropGeometry } from './crop-geometry.js';
