import { InvalidConfigError, PatchcoreError } from '@patchcore/core';
import type { FeatureExtractor, FeatureSampler, Logger, MemoryBank } from '@patchcore/core';
import {
  createDefaultMemoryBank,
  createDefaultSampler,
  defaultPreprocessor,
  resolveBackbone,
} from './defaults.js';
import { FeatureAggregator } from './feature-aggregator.js';
import type { LayerShape } from './feature-aggregator.js';
import type { ImagePreprocessor, PreprocessingSettings } from './image-preprocessor.js';
import { PATCHCORE_DEFAULTS } from './options.js';
import type { PatchCoreOptions, ResolvedPatchCoreOptions } from './options.js';

/** A model's parts once {@link prepareModel} has resolved and checked them. */
export interface PreparedModel {
  /** Validated settings. */
  readonly options: ResolvedPatchCoreOptions;
  /** The backbone. */
  readonly backbone: FeatureExtractor;
  /** What the backbone was resolved from (name or path), for the manifest. */
  readonly backboneSource: string;
  /** The sampler. */
  readonly featuresampler: FeatureSampler;
  /** The memory bank. */
  readonly memoryBank: MemoryBank;
  /** Image decoding and preprocessing. */
  readonly preprocess: ImagePreprocessor;
  /** Resize, crop and normalisation. */
  readonly preprocessing: PreprocessingSettings;
  /** Shapes of the layers at the input shape. */
  readonly layerShapes: readonly LayerShape[];
  /** The feature aggregation. */
  readonly aggregator: FeatureAggregator;
}

async function obtainBackbone(
  options: PatchCoreOptions,
  resolved: ResolvedPatchCoreOptions,
  logger: Logger,
): Promise<{ backbone: FeatureExtractor; source: string }> {
  const given = options.backbone ?? PATCHCORE_DEFAULTS.backbone;
  if (typeof given !== 'string') return { backbone: given, source: given.describe().name };
  try {
    const backbone = await resolveBackbone({
      source: given,
      layers: options.layersToExtractFrom,
      inputShape: resolved.inputShape,
      threads: resolved.threads,
      device: resolved.device,
      logger,
    });
    return { backbone, source: given };
  } catch (error) {
    if (error instanceof PatchcoreError) throw error;
    throw new InvalidConfigError('backbone', `cannot load backbone '${given}': ${String(error)}`, {
      cause: error,
    });
  }
}

function checkLayers(backbone: FeatureExtractor, requested: readonly string[] | undefined): void {
  if (requested === undefined) return;
  const missing = requested.filter((layer) => !backbone.layers.includes(layer));
  if (missing.length > 0 || requested.join('\n') !== backbone.layers.join('\n')) {
    throw new InvalidConfigError(
      'layersToExtractFrom',
      `the backbone '${backbone.describe().name}' yields layers [${backbone.layers.join(', ')}], ` +
        `but layersToExtractFrom asks for [${requested.join(', ')}]` +
        (missing.length > 0 ? ` (missing: ${missing.join(', ')})` : ''),
    );
  }
}

/** Runs one all-ones input, as the reference does, to learn each layer's shape. */
async function probeLayerShapes(
  backbone: FeatureExtractor,
  inputShape: readonly [number, number, number],
): Promise<LayerShape[]> {
  const [, height, width] = inputShape;
  const maps = await backbone.extract({
    data: new Float32Array(3 * height * width).fill(1),
    shape: [1, 3, height, width],
  });
  const returned = maps.map((map) => map.layer);
  if (returned.join('\n') !== backbone.layers.join('\n')) {
    throw new InvalidConfigError(
      'layersToExtractFrom',
      `the backbone returned layers [${returned.join(', ')}] instead of [${backbone.layers.join(', ')}]`,
    );
  }
  return maps.map((map) => ({
    layer: map.layer,
    channels: map.shape[1],
    height: map.shape[2],
    width: map.shape[3],
  }));
}

/**
 * Resolves and checks a model's parts: backbone (with its layers and input shape), sampler,
 * memory bank, preprocessing, and the aggregation for the probed layer shapes.
 *
 * @param options - the user's options.
 * @param resolved - the same, validated.
 * @param logger - where to log.
 * @returns the prepared parts.
 * @throws {@link InvalidConfigError} when the backbone lacks a requested layer or has another
 * input shape.
 */
export async function prepareModel(
  options: PatchCoreOptions,
  resolved: ResolvedPatchCoreOptions,
  logger: Logger,
): Promise<PreparedModel> {
  const { backbone, source } = await obtainBackbone(options, resolved, logger);
  checkLayers(backbone, options.layersToExtractFrom);
  const [, height, width] = resolved.inputShape;
  if (backbone.inputShape[1] !== height || backbone.inputShape[2] !== width) {
    throw new InvalidConfigError(
      'inputShape',
      `inputShape [3, ${height}, ${width}] differs from the backbone's [${backbone.inputShape.join(', ')}]`,
    );
  }
  const layerShapes = await probeLayerShapes(backbone, resolved.inputShape);
  const aggregator = new FeatureAggregator({
    layers: layerShapes,
    patchsize: resolved.patchsize,
    pretrainEmbedDimension: resolved.pretrainEmbedDimension,
    targetEmbedDimension: resolved.targetEmbedDimension,
  });
  const [first] = layerShapes;
  const finer = layerShapes.filter(
    (s) => first !== undefined && s.height * s.width > first.height * first.width,
  );
  if (first !== undefined && finer.length > 0) {
    // SPEC §2.3 / §7.18: the first layer sets the grid; finer layers are resampled down.
    logger.warn(
      `layer '${first.layer}' (${first.height}×${first.width}) sets the patch grid; the finer layers ` +
        `${finer.map((s) => `'${s.layer}'`).join(', ')} are resampled down to it without antialiasing`,
    );
  }
  logger.info(
    () =>
      `backbone '${source}': layers ${layerShapes.map((s) => `${s.layer} [${s.channels}, ${s.height}, ${s.width}]`).join(', ')}; ` +
      `patch grid ${aggregator.patchGrid.join('×')}, features of dimension ${aggregator.dims}`,
  );
  return {
    options: resolved,
    backbone,
    backboneSource: source,
    featuresampler: options.featuresampler ?? createDefaultSampler(resolved.device, logger),
    memoryBank: options.memoryBank ?? createDefaultMemoryBank('Flat', resolved.threads, logger),
    preprocess: options.preprocess ?? defaultPreprocessor,
    preprocessing: {
      resize: resolved.resize,
      cropHeight: height,
      cropWidth: width,
      normalization: backbone.normalization,
    },
    layerShapes,
    aggregator,
  };
}
