/**
 * The PatchCore orchestrator: feature aggregation (SPEC §2), fit, predict, anomaly maps,
 * save and load, and evaluation against ground truth.
 *
 * @packageDocumentation
 */
export { PatchCore } from './patchcore.js';
export type {
  PatchCorePrediction,
  FitOptions,
  FitSummary,
  PredictOptions,
  LoadFromDirectoryOptions,
} from './patchcore.js';
export { PATCHCORE_DEFAULTS, resolvePatchCoreOptions } from './options.js';
export type {
  PatchCoreOptions,
  ResolvedPatchCoreOptions,
  ImageScoreRule,
  ResolvedImageScoreRule,
  TensorDevice,
} from './options.js';
export type { PatchCoreInput } from './sample-batches.js';
export type {
  ImagePreprocessor,
  PreprocessedImage,
  PreprocessingSettings,
} from './image-preprocessor.js';
export { FeatureAggregator, patchGridSize } from './feature-aggregator.js';
export type { FeatureAggregatorOptions, LayerShape } from './feature-aggregator.js';
export {
  ANOMALY_MAP_SIGMA,
  anomalyMapFromPatchScores,
  anomalyMapAtOriginalSize,
} from './anomaly-map.js';
export type { OriginalSizeMap, MapWithGeometry } from './anomaly-map.js';
export { reweightedImageScore } from './image-score.js';
export type { ReweightingInput } from './image-score.js';
export { MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_VERSION, parseManifest } from './manifest.js';
export type { PatchCoreManifest, ScoringDescription } from './manifest.js';
export { adaptivePoolBins } from './kernels/adaptive-pool-bins.js';
export type { AdaptivePoolBins } from './kernels/adaptive-pool-bins.js';
export { resizeBilinear } from './kernels/bilinear-resize.js';
export { gaussianBlur, gaussianKernel } from './kernels/gaussian-blur.js';
export { PACKAGE_VERSION } from './version.js';
export { evaluateModel } from './evaluate-model.js';
export type { EvaluateModelOptions, EvaluationReport, EvaluatedImage } from './evaluate-model.js';
