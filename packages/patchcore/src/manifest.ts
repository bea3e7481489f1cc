import { InvalidFileError } from '@patchcore/core';
import type {
  BackboneDescription,
  MemoryBankDescription,
  SamplerDescription,
} from '@patchcore/core';
import type { LayerShape } from './feature-aggregator.js';
import type { PreprocessingSettings } from './image-preprocessor.js';
import type { ImageScoreRule } from './options.js';

/** The value of {@link PatchCoreManifest.format}. */
export const MANIFEST_FORMAT = 'patchcore-ts/model';
/** The manifest layout version this package writes and reads. */
export const MANIFEST_VERSION = 1;
/** The manifest's file name inside a model directory. */
export const MANIFEST_FILE = 'manifest.json';

/** The scoring rules a model was fitted and is to be used with. */
export interface ScoringDescription {
  /** Patch score: mean over k of squared L2 distances (SPEC §4.2). */
  readonly patchScore: 'mean-squared-l2';
  /** Image score rule (SPEC §4.3). */
  readonly imageScore: ImageScoreRule;
  /** Anomaly map: bilinear upsampling, then Gaussian σ with SciPy `reflect` borders (§5.1). */
  readonly anomalyMap: {
    readonly upsample: 'bilinear-align-corners-false';
    readonly sigma: number;
    readonly truncate: number;
    readonly border: 'reflect';
  };
}

/** Everything needed to predict with a saved model; written as `manifest.json`. */
export interface PatchCoreManifest {
  /** Always {@link MANIFEST_FORMAT}. */
  readonly format: string;
  /** Always {@link MANIFEST_VERSION} for this package. */
  readonly formatVersion: number;
  /** `@patchcore/patchcore` version that wrote it. */
  readonly packageVersion: string;
  /** ISO time of saving. */
  readonly createdAt: string;
  /** Image preprocessing: resize, crop, normalisation. */
  readonly preprocessing: PreprocessingSettings & {
    readonly interpolation: 'bilinear-antialias';
    readonly crop: 'center';
  };
  /** The backbone: what `load` resolves (`source`), its name, checksum, layers. */
  readonly backbone: BackboneDescription & { readonly source: string };
  /** Layers read, in order. */
  readonly layersToExtractFrom: readonly string[];
  /** Shape of each layer's map at the input shape. */
  readonly layerShapes: readonly LayerShape[];
  /** Backbone input [3, H, W]. */
  readonly inputShape: readonly [number, number, number];
  /** P. */
  readonly pretrainEmbedDimension: number;
  /** T. */
  readonly targetEmbedDimension: number;
  /** p. */
  readonly patchsize: number;
  /** Always 1. */
  readonly patchstride: number;
  /** k. */
  readonly anomalyScoreNumNn: number;
  /** Patch grid [n_h, n_w]. */
  readonly patchGrid: readonly [number, number];
  /** The sampler that chose the memory bank, with its settings and seed. */
  readonly featuresampler: SamplerDescription;
  /** The memory bank: its description, its file (relative) and the file's SHA-256. */
  readonly memoryBank: MemoryBankDescription & { readonly file: string; readonly checksum: string };
  /** Scoring rules. */
  readonly scoring: ScoringDescription;
  /** What the model was fitted on. */
  readonly training: { readonly imageCount: number; readonly featureCount: number };
}

function expectType(path: string, manifest: Record<string, unknown>, key: string, type: string) {
  const actual = Array.isArray(manifest[key]) ? 'array' : typeof manifest[key];
  if (actual !== type) {
    throw new InvalidFileError(path, `manifest key '${key}' must be ${type}, got ${actual}`);
  }
}

/**
 * Parses and checks a manifest's text.
 *
 * @param path - the file, for messages.
 * @param text - its contents.
 * @returns the manifest.
 * @throws {@link InvalidFileError} when it is not JSON, of another format or version, or a
 * key is missing or of the wrong type.
 */
export function parseManifest(path: string, text: string): PatchCoreManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidFileError(path, 'not valid JSON', { cause: error });
  }
  if (typeof value !== 'object' || value === null) {
    throw new InvalidFileError(path, 'manifest must be a JSON object');
  }
  const record = value as Record<string, unknown>;
  if (record['format'] !== MANIFEST_FORMAT) {
    throw new InvalidFileError(
      path,
      `format must be '${MANIFEST_FORMAT}', got ${JSON.stringify(record['format'])}`,
    );
  }
  if (record['formatVersion'] !== MANIFEST_VERSION) {
    throw new InvalidFileError(
      path,
      `formatVersion ${JSON.stringify(record['formatVersion'])} is not supported (this package reads ${MANIFEST_VERSION})`,
    );
  }
  for (const key of ['pretrainEmbedDimension', 'targetEmbedDimension', 'patchsize']) {
    expectType(path, record, key, 'number');
  }
  expectType(path, record, 'anomalyScoreNumNn', 'number');
  for (const key of ['layersToExtractFrom', 'layerShapes', 'inputShape', 'patchGrid']) {
    expectType(path, record, key, 'array');
  }
  for (const key of ['preprocessing', 'backbone', 'featuresampler', 'memoryBank', 'scoring']) {
    expectType(path, record, key, 'object');
  }
  const searchParameters = (record['memoryBank'] as Record<string, unknown>)['searchParameters'];
  if (
    searchParameters !== undefined &&
    (typeof searchParameters !== 'object' ||
      searchParameters === null ||
      Array.isArray(searchParameters) ||
      !Object.values(searchParameters).every((v) => typeof v === 'number' && Number.isFinite(v)))
  ) {
    throw new InvalidFileError(
      path,
      `manifest key 'memoryBank.searchParameters' must map parameter names to numbers, got ${JSON.stringify(searchParameters)}`,
    );
  }
  return record as unknown as PatchCoreManifest;
}
