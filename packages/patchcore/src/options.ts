import { InvalidConfigError } from '@patchcore/core';
import type { FeatureExtractor, FeatureSampler, MemoryBank } from '@patchcore/core';
import type { ImagePreprocessor } from './image-preprocessor.js';

/** The tensor devices a model may ask for. */
export type TensorDevice = 'auto' | 'cpu' | 'gpu';

/**
 * How the image score is computed from the patch scores (SPEC §4.3, §5.2): `'max'`, or the
 * paper's Eq. 7 re-weighting with b = `neighbors` memory-bank rows (9 when omitted).
 */
export type ImageScoreRule = 'max' | { readonly reweighting: { readonly neighbors?: number } };

/** {@link ImageScoreRule} with the neighbour count filled in. */
export type ResolvedImageScoreRule =
  'max' | { readonly reweighting: { readonly neighbors: number } };

/** Everything `PatchCore.load` accepts. The seed's parameter names are kept (camelCase). */
export interface PatchCoreOptions {
  /**
   * The backbone: a {@link FeatureExtractor}, or a name or ONNX path resolved by
   * `@patchcore/backbone`'s `loadBackbone`.
   * @defaultValue `'mobilenetv2'` (the embedded backbone)
   */
  readonly backbone?: FeatureExtractor | string;
  /**
   * Layers read from the backbone, in order; the first sets the patch grid.
   * @defaultValue the backbone's own layers (`['block_6_expand_relu', 'block_10_expand_relu']`
   * for the embedded MobileNetV2)
   */
  readonly layersToExtractFrom?: readonly string[];
  /**
   * Tensor device for the sampler and backbone: 'auto', 'cpu' or 'gpu'.
   * @defaultValue `'auto'`
   */
  readonly device?: string;
  /**
   * Backbone input [3, H, W]: the crop size.
   * @defaultValue `[3, 224, 224]`
   */
  readonly inputShape?: readonly [number, number, number];
  /**
   * Shorter side after resizing, before the centre crop.
   * @defaultValue 256
   */
  readonly resize?: number;
  /**
   * P: per-layer pooled length.
   * @defaultValue 1024
   */
  readonly pretrainEmbedDimension?: number;
  /**
   * T: the feature dimension stored in the memory bank.
   * @defaultValue 1024
   */
  readonly targetEmbedDimension?: number;
  /**
   * The coreset sampler.
   * @defaultValue approximate greedy coreset, percentage 0.1, seed 0
   */
  readonly featuresampler?: FeatureSampler;
  /**
   * Neighbourhood size p.
   * @defaultValue 3
   */
  readonly patchsize?: number;
  /**
   * k: nearest memory-bank rows averaged into a patch score.
   * @defaultValue 1
   */
  readonly anomalyScoreNumNn?: number;
  /**
   * The memory bank (a new, empty one: `fit` builds it).
   * @defaultValue exact faiss bank (`'Flat'`)
   */
  readonly memoryBank?: MemoryBank;
  /**
   * Image score rule.
   * @defaultValue `'max'`
   */
  readonly imageScore?: ImageScoreRule;
  /**
   * Images per backbone call.
   * @defaultValue 2
   */
  readonly batchSize?: number;
  /**
   * Threads for the backbone and faiss; 0 lets the runtimes choose.
   * @defaultValue 0
   */
  readonly threads?: number;
  /**
   * Image decoding and preprocessing; override only for tests or custom decoders.
   * @defaultValue `@patchcore/backbone`'s `preprocessImage`
   */
  readonly preprocess?: ImagePreprocessor;
}

/** {@link PatchCoreOptions} validated, with defaults applied (backbone, sampler, bank excluded). */
export interface ResolvedPatchCoreOptions {
  /** See {@link PatchCoreOptions.device}. */
  readonly device: TensorDevice;
  /** See {@link PatchCoreOptions.inputShape}. */
  readonly inputShape: readonly [number, number, number];
  /** See {@link PatchCoreOptions.resize}. */
  readonly resize: number;
  /** See {@link PatchCoreOptions.pretrainEmbedDimension}. */
  readonly pretrainEmbedDimension: number;
  /** See {@link PatchCoreOptions.targetEmbedDimension}. */
  readonly targetEmbedDimension: number;
  /** See {@link PatchCoreOptions.patchsize}. */
  readonly patchsize: number;
  /** See {@link PatchCoreOptions.anomalyScoreNumNn}. */
  readonly anomalyScoreNumNn: number;
  /** See {@link PatchCoreOptions.imageScore}. */
  readonly imageScore: ResolvedImageScoreRule;
  /** See {@link PatchCoreOptions.batchSize}. */
  readonly batchSize: number;
  /** See {@link PatchCoreOptions.threads}. */
  readonly threads: number;
}

/** Defaults of {@link PatchCoreOptions}, in one place. */
export const PATCHCORE_DEFAULTS = Object.freeze({
  backbone: 'mobilenetv2',
  device: 'auto',
  inputShape: Object.freeze([3, 224, 224] as const),
  resize: 256,
  pretrainEmbedDimension: 1024,
  targetEmbedDimension: 1024,
  patchsize: 3,
  anomalyScoreNumNn: 1,
  imageScore: 'max',
  batchSize: 2,
  threads: 0,
  samplerPercentage: 0.1,
  samplerSeed: 0,
  reweightingNeighbors: 9,
});

function positiveInteger(key: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidConfigError(key, `${key} must be a positive integer, got ${value}`);
  }
  return value;
}

function resolveImageScore(rule: ImageScoreRule): ResolvedImageScoreRule {
  if (rule === 'max') return rule;
  if (typeof rule === 'object' && typeof rule.reweighting === 'object') {
    const neighbors = positiveInteger(
      'imageScore.reweighting.neighbors',
      rule.reweighting.neighbors ?? PATCHCORE_DEFAULTS.reweightingNeighbors,
    );
    return Object.freeze({ reweighting: Object.freeze({ neighbors }) });
  }
  throw new InvalidConfigError(
    'imageScore',
    `imageScore must be 'max' or { reweighting: { neighbors } }, got ${JSON.stringify(rule)}`,
  );
}

/**
 * Validates the numeric and rule options once and fills in defaults.
 *
 * @param options - the user's options.
 * @returns the frozen resolved options.
 * @throws {@link InvalidConfigError} naming the key and the value received.
 */
export function resolvePatchCoreOptions(options: PatchCoreOptions): ResolvedPatchCoreOptions {
  const d = PATCHCORE_DEFAULTS;
  const inputShape = options.inputShape ?? d.inputShape;
  if (inputShape.length !== 3 || inputShape[0] !== 3) {
    throw new InvalidConfigError(
      'inputShape',
      `inputShape must be [3, H, W], got [${inputShape.join(', ')}]`,
    );
  }
  positiveInteger('inputShape[1]', inputShape[1]);
  positiveInteger('inputShape[2]', inputShape[2]);
  const resize = positiveInteger('resize', options.resize ?? d.resize);
  if (resize < Math.min(inputShape[1], inputShape[2])) {
    throw new InvalidConfigError(
      'resize',
      `resize (${resize}) must be at least the crop's shorter side (${Math.min(inputShape[1], inputShape[2])})`,
    );
  }
  const threads = options.threads ?? d.threads;
  if (!Number.isSafeInteger(threads) || threads < 0) {
    throw new InvalidConfigError('threads', `threads must be an integer ≥ 0, got ${threads}`);
  }
  const device = (options.device ?? d.device) as TensorDevice;
  if (!['auto', 'cpu', 'gpu'].includes(device)) {
    throw new InvalidConfigError(
      'device',
      `device must be 'auto', 'cpu' or 'gpu', got '${device}'`,
    );
  }
  return Object.freeze({
    device,
    inputShape: Object.freeze([3, inputShape[1], inputShape[2]] as const),
    resize,
    pretrainEmbedDimension: positiveInteger(
      'pretrainEmbedDimension',
      options.pretrainEmbedDimension ?? d.pretrainEmbedDimension,
    ),
    targetEmbedDimension: positiveInteger(
      'targetEmbedDimension',
      options.targetEmbedDimension ?? d.targetEmbedDimension,
    ),
    patchsize: positiveInteger('patchsize', options.patchsize ?? d.patchsize),
    anomalyScoreNumNn: positiveInteger(
      'anomalyScoreNumNn',
      options.anomalyScoreNumNn ?? d.anomalyScoreNumNn,
    ),
    imageScore: resolveImageScore(options.imageScore ?? 'max'),
    batchSize: positiveInteger('batchSize', options.batchSize ?? d.batchSize),
    threads,
  });
}
