/**
 * The backbone: ONNX feature extractors run by onnxruntime-node (the embedded MobileNetV2 by
 * default, torchvision exports by name, any ONNX file by path), Pillow-exact image and mask
 * preprocessing with sharp for decoding, and the crop geometry that maps results back onto the
 * original image.
 *
 * @packageDocumentation
 */
export { loadBackbone } from './load-backbone.js';
export type { LoadBackboneOptions, ExecutionProvider } from './load-backbone.js';
export { OnnxBackbone } from './onnx-backbone.js';
export type { FeatureMapLayout, OnnxBackboneParts } from './onnx-backbone.js';
export { exposeLayers, summarizeOnnxModel } from './onnx-graph-outputs.js';
export type { ExposedModel, OnnxGraphSummary } from './onnx-graph-outputs.js';
export { DEFAULT_BACKBONE, DEFAULT_BACKBONE_LAYERS, KNOWN_BACKBONES } from './known-backbones.js';
export type { KnownBackbone, KnownLayer } from './known-backbones.js';
export { defaultModelsDir } from './models-dir.js';
export { IMAGENET_NORMALIZATION } from './normalization.js';
export { preprocessImage, DEFAULT_RESIZE, DEFAULT_CROP_SIZE } from './preprocess-image.js';
export type { PreprocessOptions, PreprocessedImage } from './preprocess-image.js';
export { binarizeMaskLevels, loadMask, loadMaskLevels } from './load-mask.js';
export type { LoadMaskOptions, MaskBinarization } from './load-mask.js';
export { decodeImage } from './decode-image.js';
export type { DecodedImage, ImageSource } from './decode-image.js';
export { resizeBilinearPillow } from './pillow-resize.js';
export { computeCropGeometry, roundHalfToEven } from './crop-geometry.js';
export {
  cropMapToOriginal,
  cropPointToOriginal,
  cropRegionInOriginal,
} from './crop-to-original.js';
export type { OriginalRegion } from './crop-to-original.js';
export { benchmarkBackbone } from './benchmark-backbone.js';
export type {
  BenchmarkBackboneOptions,
  BackboneBenchmark,
  BackboneTiming,
} from './benchmark-backbone.js';
