import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { InvalidConfigError, InvalidFileError } from '@patchcore/core';
import type { FeatureSampler, Logger, MemoryBank, SamplerDescription } from '@patchcore/core';
import { ANOMALY_MAP_SIGMA } from './anomaly-map.js';
import { createDefaultMemoryBank, createSamplerFromDescription } from './defaults.js';
import { MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_VERSION } from './manifest.js';
import type { PatchCoreManifest } from './manifest.js';
import { resolvePatchCoreOptions } from './options.js';
import type { PatchCoreOptions } from './options.js';
import { prepareModel } from './prepare-model.js';
import type { PreparedModel } from './prepare-model.js';
import type { LoadFromDirectoryOptions, FitSummary } from './patchcore.js';
import { PACKAGE_VERSION } from './version.js';

/**
 * SHA-256 of a file, hex.
 *
 * @param path - the file.
 * @returns the hex digest.
 */
export async function fileChecksum(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The memory-bank file's name inside a model folder.
 *
 * @param memoryBank - the bank.
 * @returns `memory-bank.faiss` for faiss banks, `memory-bank.bin` otherwise.
 */
export function memoryBankFileName(memoryBank: MemoryBank): string {
  return memoryBank.describe().kind === 'faiss' ? 'memory-bank.faiss' : 'memory-bank.bin';
}

/**
 * The manifest of a fitted model.
 *
 * @param model - the prepared, fitted model.
 * @param bankFile - the bank's file name in the folder.
 * @param checksum - SHA-256 of the bank file.
 * @param fit - statistics of the fit, when known.
 * @returns the manifest.
 */
export function buildManifest(
  model: PreparedModel,
  bankFile: string,
  checksum: string,
  fit: FitSummary | undefined,
): PatchCoreManifest {
  const { options } = model;
  return {
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_VERSION,
    packageVersion: PACKAGE_VERSION,
    createdAt: new Date().toISOString(),
    preprocessing: { ...model.preprocessing, interpolation: 'bilinear-antialias', crop: 'center' },
    backbone: { ...model.backbone.describe(), source: model.backboneSource },
    layersToExtractFrom: [...model.backbone.layers],
    layerShapes: model.layerShapes,
    inputShape: options.inputShape,
    pretrainEmbedDimension: options.pretrainEmbedDimension,
    targetEmbedDimension: options.targetEmbedDimension,
    patchsize: options.patchsize,
    patchstride: 1,
    anomalyScoreNumNn: options.anomalyScoreNumNn,
    patchGrid: model.aggregator.patchGrid,
    featuresampler: model.featuresampler.describe(),
    memoryBank: { ...model.memoryBank.describe(), file: bankFile, checksum },
    scoring: {
      patchScore: 'mean-squared-l2',
      imageScore: options.imageScore,
      anomalyMap: {
        upsample: 'bilinear-align-corners-false',
        sigma: ANOMALY_MAP_SIGMA,
        truncate: 4,
        border: 'reflect',
      },
    },
    training: { imageCount: fit?.imageCount ?? 0, featureCount: fit?.featureCount ?? 0 },
  };
}

/** A stand-in when the saved sampler cannot be rebuilt: predicting works, re-fitting throws. */
function unavailableSampler(description: SamplerDescription, cause: unknown): FeatureSampler {
  const fail = (): never => {
    throw new InvalidFileError(
      'featuresampler',
      `the saved sampler ${JSON.stringify(description)} could not be rebuilt; pass featuresampler to re-fit`,
      { cause },
    );
  };
  return {
    describe: () => description,
    run: () => Promise.resolve().then(fail),
    select: () => Promise.resolve().then(fail),
  };
}

function rebuildSampler(
  manifest: PatchCoreManifest,
  given: FeatureSampler | undefined,
  logger: Logger,
): FeatureSampler {
  if (given !== undefined) return given;
  try {
    return createSamplerFromDescription(manifest.featuresampler, logger);
  } catch (error) {
    return unavailableSampler(manifest.featuresampler, error);
  }
}

/** The default memory bank a manifest describes; a setting faiss refuses names the manifest. */
function bankFromManifest(
  manifest: PatchCoreManifest,
  threads: number,
  logger: Logger,
  dir: string,
): MemoryBank {
  const { index, searchParameters } = manifest.memoryBank;
  try {
    return createDefaultMemoryBank(index, threads, logger, searchParameters);
  } catch (error) {
    throw asManifestError(error, dir);
  }
}

/**
 * A memory-bank setting recorded in the manifest that the bank refuses (an InvalidConfigError)
 * becomes an InvalidFileError naming the manifest; anything else is returned as it is.
 */
function asManifestError(error: unknown, dir: string): unknown {
  if (!(error instanceof InvalidConfigError)) return error;
  return new InvalidFileError(join(dir, MANIFEST_FILE), `memoryBank: ${error.message}`, {
    cause: error,
  });
}

/**
 * Rebuilds a fitted model from its folder: resolves the backbone and checks its checksum and
 * layer shapes, checks the bank file's checksum, loads it and checks its dimension and size.
 *
 * @param dir - the model folder.
 * @param manifest - its parsed manifest.
 * @param overrides - optional backbone, bank, sampler and preprocessing.
 * @param logger - where to log.
 * @returns the prepared model with its memory bank filled.
 * @throws {@link InvalidFileError} naming the file and both values when anything disagrees.
 */
export async function restoreModel(
  dir: string,
  manifest: PatchCoreManifest,
  overrides: LoadFromDirectoryOptions,
  logger: Logger,
): Promise<PreparedModel> {
  const manifestPath = join(dir, MANIFEST_FILE);
  const options: PatchCoreOptions = {
    backbone: overrides.backbone ?? manifest.backbone.source,
    layersToExtractFrom: manifest.layersToExtractFrom,
    inputShape: manifest.inputShape,
    resize: manifest.preprocessing.resize,
    pretrainEmbedDimension: manifest.pretrainEmbedDimension,
    targetEmbedDimension: manifest.targetEmbedDimension,
    patchsize: manifest.patchsize,
    anomalyScoreNumNn: manifest.anomalyScoreNumNn,
    imageScore: manifest.scoring.imageScore,
    featuresampler: rebuildSampler(manifest, overrides.featuresampler, logger),
    ...(overrides.memoryBank === undefined ? {} : { memoryBank: overrides.memoryBank }),
    ...(overrides.preprocess === undefined ? {} : { preprocess: overrides.preprocess }),
  };
  const resolved = resolvePatchCoreOptions(options);
  const model = await prepareModel(
    overrides.memoryBank === undefined
      ? {
          ...options,
          memoryBank: bankFromManifest(manifest, resolved.threads, logger, dir),
        }
      : options,
    resolved,
    logger,
  );
  const backboneChecksum = model.backbone.describe().checksum;
  if (backboneChecksum !== manifest.backbone.checksum) {
    throw new InvalidFileError(
      manifestPath,
      `backbone '${model.backboneSource}' has checksum ${backboneChecksum}, the manifest records ${manifest.backbone.checksum}`,
    );
  }
  const shapes = JSON.stringify(model.layerShapes);
  if (shapes !== JSON.stringify(manifest.layerShapes)) {
    throw new InvalidFileError(
      manifestPath,
      `layer shapes ${shapes} differ from the manifest's ${JSON.stringify(manifest.layerShapes)}`,
    );
  }
  const bankPath = join(dir, manifest.memoryBank.file);
  const checksum = await fileChecksum(bankPath).catch((error: unknown) => {
    throw new InvalidFileError(bankPath, 'cannot read the memory-bank file', { cause: error });
  });
  if (checksum !== manifest.memoryBank.checksum) {
    throw new InvalidFileError(
      bankPath,
      `checksum ${checksum} disagrees with the manifest's ${manifest.memoryBank.checksum}`,
    );
  }
  // Loading applies the manifest's search parameters (e.g. efSearch refused by an IVF index).
  await model.memoryBank.load(bankPath).catch((error: unknown) => {
    throw asManifestError(error, dir);
  });
  const { dimension, size } = model.memoryBank;
  if (dimension !== manifest.targetEmbedDimension || size !== manifest.memoryBank.size) {
    throw new InvalidFileError(
      bankPath,
      `holds ${size} rows of dimension ${dimension}; the manifest records ${manifest.memoryBank.size} rows of dimension ${manifest.targetEmbedDimension}`,
    );
  }
  logger.info(
    () => `loaded model from ${dir}: ${size} memory-bank rows, k = ${manifest.anomalyScoreNumNn}`,
  );
  return model;
}
