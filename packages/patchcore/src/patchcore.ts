import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  InvalidConfigError,
  InvalidFileError,
  InvalidStateError,
  createHostMatrix,
  silentLogger,
  writeFileAtomic,
} from '@patchcore/core';
import type {
  CropGeometry,
  FeatureExtractor,
  FeatureSampler,
  Label,
  Logger,
  MemoryBank,
  ProgressCallback,
} from '@patchcore/core';
import { patchScoresFromNeighbors } from '@patchcore/memory-bank';
import { anomalyMapFromPatchScores } from './anomaly-map.js';
import { extractBatch } from './embed-images.js';
import { FeatureBuffer } from './feature-buffer.js';
import type { ImagePreprocessor } from './image-preprocessor.js';
import { reweightedImageScore } from './image-score.js';
import { MANIFEST_FILE, parseManifest } from './manifest.js';
import type { PatchCoreManifest } from './manifest.js';
import { buildManifest, fileChecksum, memoryBankFileName, restoreModel } from './model-files.js';
import { resolvePatchCoreOptions } from './options.js';
import type { PatchCoreOptions, ResolvedPatchCoreOptions } from './options.js';
import { argmax } from './argmax.js';
import { prepareModel } from './prepare-model.js';
import type { PreparedModel } from './prepare-model.js';
import { knownImageCount, rebatch } from './sample-batches.js';
import type { PatchCoreInput } from './sample-batches.js';

/** One scored image. */
export interface PatchCorePrediction {
  /** The image file. */
  readonly path: string;
  /** Max patch score (or Eq. 7 when the model is so configured). */
  readonly imageScore: number;
  /** 1 when `imageScore >= threshold`, present only when a threshold was given. */
  readonly label?: Label;
  /** Per patch, mean squared distance to its k nearest memory-bank rows, [n_h·n_w]. */
  readonly patchScores: Float32Array;
  /** [n_h, n_w]. */
  readonly patchGrid: readonly [number, number];
  /** Smoothed map at crop size, [H·W] row-major. */
  readonly anomalyMap: Float32Array;
  /** Where the crop came from in the original image. */
  readonly geometry: CropGeometry;
}

/** Options of {@link PatchCore.fit}. */
export interface FitOptions {
  /** Progress of the stages 'extract', 'sample', 'index'. */
  readonly onProgress?: ProgressCallback;
}

/** Options of {@link PatchCore.predict}. */
export interface PredictOptions {
  /** Progress of the stage 'predict'. */
  readonly onProgress?: ProgressCallback;
  /** Image-score threshold; when given, each prediction gets a `label`. */
  readonly threshold?: number;
}

/** Options of {@link PatchCore.loadFromDirectory}. */
export interface LoadFromDirectoryOptions {
  /** Where to log. */
  readonly logger?: Logger;
  /** A backbone to use instead of resolving the manifest's; its checksum must match. */
  readonly backbone?: FeatureExtractor;
  /** An empty memory bank to load the bank file into, instead of the default. */
  readonly memoryBank?: MemoryBank;
  /** The sampler for a later re-fit, instead of rebuilding the manifest's. */
  readonly featuresampler?: FeatureSampler;
  /** Image preprocessing, instead of the default. */
  readonly preprocess?: ImagePreprocessor;
}

/** Statistics of the last fit. */
export interface FitSummary {
  /** Training images read. */
  readonly imageCount: number;
  /** Training features N (patches). */
  readonly featureCount: number;
  /** Memory-bank rows. */
  readonly memoryBankSize: number;
}

/**
 * Reads a model folder's manifest, telling apart a missing folder, a file given instead of the
 * folder, and a folder that holds no model.
 */
async function readModelManifest(dir: string, manifestPath: string): Promise<string> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) {
    throw new InvalidFileError(dir, 'no such model folder (a model folder is what fit saves)');
  }
  if (!info.isDirectory()) {
    throw new InvalidFileError(
      dir,
      `is a file, not a model folder: give the folder that holds ${MANIFEST_FILE}`,
    );
  }
  return readFile(manifestPath, 'utf8').catch((error: unknown) => {
    throw new InvalidFileError(
      dir,
      `not a model folder: ${MANIFEST_FILE} is missing or unreadable (${(error as Error).message})`,
      { cause: error },
    );
  });
}

/** Refuses a k that a memory bank of `bankRows` rows, kept from `featureCount`, cannot serve. */
function assertNeighborCountFits(k: number, bankRows: number, featureCount: number): void {
  if (k > bankRows) {
    throw new RangeError(
      `anomalyScoreNumNn (${k}) exceeds the memory-bank size (${bankRows} rows from ${featureCount} features)`,
    );
  }
}

function progress(onProgress: ProgressCallback | undefined, stage: string, started: number) {
  return (done: number, total: number): void =>
    onProgress?.({ stage, done, total, elapsedMs: performance.now() - started });
}

/**
 * PatchCore (Roth et al., CVPR 2022, arXiv 2106.08265): a memory bank of nominal patch
 * features, and anomaly scores from nearest-neighbour distances to it.
 *
 * @example
 * ```ts
 * const model = new PatchCore({ logger });
 * await model.load({ backbone: 'mobilenetv2', anomalyScoreNumNn: 1 });
 * await model.fit(trainPaths, { onProgress });
 * const [prediction] = await model.predict(['test/broken_large/000.png']);
 * await model.save('model-dir');
 * const again = await PatchCore.loadFromDirectory('model-dir');
 * ```
 */
export class PatchCore {
  private readonly logger: Logger;
  private model: PreparedModel | undefined;
  private fitSummary: FitSummary | undefined;

  /**
   * @param options - `logger`: where to log (silent by default).
   */
  constructor(options: { readonly logger?: Logger } = {}) {
    this.logger = options.logger ?? silentLogger;
  }

  /** The resolved settings; throws before {@link PatchCore.load}. */
  get settings(): ResolvedPatchCoreOptions {
    return this.prepared().options;
  }

  /** Rows in the memory bank (0 before fit or load). */
  get memoryBankSize(): number {
    return this.model?.memoryBank.size ?? 0;
  }

  /** Statistics of the last fit, undefined before one. */
  get lastFit(): FitSummary | undefined {
    return this.fitSummary;
  }

  /**
   * Sets the model up: resolves the backbone (a name or path goes through
   * `@patchcore/backbone`), checks that it yields the requested layers by running one
   * all-ones input, and prepares the aggregation. Must be awaited before fit or predict.
   *
   * @param options - see {@link PatchCoreOptions}; every field has a default.
   * @throws {@link InvalidConfigError} for an invalid option or a backbone lacking a layer.
   */
  async load(options: PatchCoreOptions = {}): Promise<void> {
    const resolved = resolvePatchCoreOptions(options);
    await this.dispose();
    this.model = await prepareModel(options, resolved, this.logger);
    this.fitSummary = undefined;
  }

  /**
   * Fits the memory bank on nominal images: extract and aggregate features into one buffer,
   * run the sampler, build the memory bank.
   *
   * @param input - batches, samples or image paths (at least one image).
   * @param options - progress callback.
   * @returns image count, feature count and memory-bank size.
   * @throws {@link InvalidConfigError} when the input holds no image.
   * @throws RangeError when `anomalyScoreNumNn` exceeds the memory-bank size.
   */
  async fit(input: PatchCoreInput, options: FitOptions = {}): Promise<FitSummary> {
    const model = this.prepared();
    const { aggregator } = model;
    const total = knownImageCount(input);
    if (total !== undefined && total > 0) this.checkNeighborCount(total * aggregator.patchCount);
    const buffer = new FeatureBuffer(aggregator.dims, (total ?? 16) * aggregator.patchCount);
    const started = performance.now();
    const report = progress(options.onProgress, 'extract', started);
    let imageCount = 0;
    for await (const batch of rebatch(input, model.options.batchSize)) {
      const { maps } = await extractBatch(
        batch,
        model.backbone,
        model.preprocess,
        model.preprocessing,
      );
      const { data, rowOffset } = buffer.reserve(batch.length * aggregator.patchCount);
      aggregator.aggregate(maps, data, rowOffset);
      buffer.commit(batch.length * aggregator.patchCount);
      imageCount += batch.length;
      report(imageCount, total ?? imageCount);
    }
    if (imageCount === 0) {
      throw new InvalidConfigError(
        'fit.input',
        'the training set holds no images; give at least one',
      );
    }
    const features = buffer.toMatrix();
    this.logger.info(() => `extracted ${features.rows} features of dimension ${features.dims}`);
    this.checkNeighborCount(features.rows);

    const sampleStart = performance.now();
    const coreset = await model.featuresampler.run(features, {
      onProgress: (event) =>
        options.onProgress?.({
          ...event,
          stage: 'sample',
          elapsedMs: performance.now() - sampleStart,
        }),
      logger: this.logger,
    });
    assertNeighborCountFits(model.options.anomalyScoreNumNn, coreset.rows, features.rows);
    const indexReport = progress(options.onProgress, 'index', performance.now());
    indexReport(0, coreset.rows);
    await model.memoryBank.build(coreset);
    indexReport(coreset.rows, coreset.rows);
    const rule = model.options.imageScore;
    if (rule !== 'max' && rule.reweighting.neighbors > coreset.rows) {
      this.logger.warn(
        `imageScore.reweighting.neighbors (${rule.reweighting.neighbors}) exceeds the memory ` +
          `bank (${coreset.rows} rows): re-weighting uses all ${coreset.rows} rows`,
      );
    }
    this.fitSummary = { imageCount, featureCount: features.rows, memoryBankSize: coreset.rows };
    return this.fitSummary;
  }

  /**
   * Refuses, before the long extraction and sampling steps, a memory bank the sampler will keep
   * from `featureCount` features that cannot serve: fewer rows than k, or than the bank's index
   * needs to train. Runs when the sampler tells its size in advance (the optional `coresetSize`
   * of the contract).
   */
  private checkNeighborCount(featureCount: number): void {
    const model = this.prepared();
    const size = model.featuresampler.coresetSize?.(featureCount);
    if (size === undefined) return;
    assertNeighborCountFits(model.options.anomalyScoreNumNn, size, featureCount);
    const floor = model.memoryBank.minimumRows;
    if (floor !== undefined && size < floor) {
      const index = model.memoryBank.describe().index;
      throw new RangeError(
        `the memory bank's index '${index}' needs at least ${floor} rows, but the sampler keeps ` +
          `${size} of ${featureCount} features: use more training images, a larger share, or ` +
          'another index (Flat needs no training)',
      );
    }
  }

  /**
   * Scores images: patch scores, image score, anomaly map at crop size and, with a threshold,
   * a label. Each image is scored on its own, so results do not depend on batch size or order.
   *
   * @param input - batches, samples or image paths.
   * @param options - progress callback and optional threshold.
   * @returns one prediction per image, in input order.
   * @throws {@link InvalidStateError} before fit or load.
   */
  async predict(
    input: PatchCoreInput,
    options: PredictOptions = {},
  ): Promise<PatchCorePrediction[]> {
    const model = this.fittedModel();
    const { aggregator } = model;
    const [cropHeight, cropWidth] = [model.options.inputShape[1], model.options.inputShape[2]];
    const total = knownImageCount(input);
    const report = progress(options.onProgress, 'predict', performance.now());
    const predictions: PatchCorePrediction[] = [];
    for await (const batch of rebatch(input, model.options.batchSize)) {
      const { maps, geometries } = await extractBatch(
        batch,
        model.backbone,
        model.preprocess,
        model.preprocessing,
      );
      const rows = batch.length * aggregator.patchCount;
      const data = new Float32Array(rows * aggregator.dims);
      aggregator.aggregate(maps, data, 0);
      for (let image = 0; image < batch.length; image++) {
        const features = createHostMatrix(
          data.subarray(
            image * aggregator.patchCount * aggregator.dims,
            (image + 1) * aggregator.patchCount * aggregator.dims,
          ),
          aggregator.patchCount,
          aggregator.dims,
        );
        const result = await model.memoryBank.search(features, model.options.anomalyScoreNumNn);
        const patchScores = patchScoresFromNeighbors(result, model.options.anomalyScoreNumNn);
        const imageScore = await this.imageScore(
          model,
          features,
          patchScores,
          result.distances,
          result.neighborIndices,
        );
        const prediction: PatchCorePrediction = {
          path: batch[image]?.path ?? '',
          imageScore,
          patchScores,
          patchGrid: aggregator.patchGrid,
          anomalyMap: anomalyMapFromPatchScores(patchScores, aggregator.patchGrid, [
            cropHeight,
            cropWidth,
          ]),
          geometry: geometries[image] as CropGeometry,
        };
        predictions.push(
          options.threshold === undefined
            ? prediction
            : { ...prediction, label: imageScore >= options.threshold ? 1 : 0 },
        );
      }
      report(predictions.length, total ?? predictions.length);
    }
    return predictions;
  }

  /**
   * Writes `manifest.json` and the memory-bank file into `dir` (created if needed), each
   * atomically; the manifest holds every setting needed to predict and the bank's checksum.
   *
   * @param dir - destination folder.
   * @throws {@link InvalidStateError} before fit or load.
   */
  async save(dir: string): Promise<void> {
    const model = this.fittedModel();
    await mkdir(dir, { recursive: true });
    const bankFile = memoryBankFileName(model.memoryBank);
    await model.memoryBank.save(join(dir, bankFile));
    const checksum = await fileChecksum(join(dir, bankFile));
    const manifest = buildManifest(model, bankFile, checksum, this.fitSummary);
    await writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    this.logger.info(() => `saved model (${model.memoryBank.size} memory-bank rows) to ${dir}`);
  }

  /**
   * Loads a model saved by {@link PatchCore.save}, with nothing but the folder: the backbone is
   * resolved from the manifest and must have the recorded checksum; the memory-bank file must
   * have the recorded checksum and dimension.
   *
   * @param dir - the model folder.
   * @param options - logger, and optional replacements for the backbone, bank, sampler.
   * @returns the loaded, ready-to-predict model.
   * @throws {@link InvalidFileError} when the manifest or bank is missing, corrupt or disagrees.
   */
  static async loadFromDirectory(
    dir: string,
    options: LoadFromDirectoryOptions = {},
  ): Promise<PatchCore> {
    const manifestPath = join(dir, MANIFEST_FILE);
    const manifest: PatchCoreManifest = parseManifest(
      manifestPath,
      await readModelManifest(dir, manifestPath),
    );
    const model = new PatchCore(options.logger === undefined ? {} : { logger: options.logger });
    model.model = await restoreModel(dir, manifest, options, model.logger);
    model.fitSummary = {
      imageCount: manifest.training.imageCount,
      featureCount: manifest.training.featureCount,
      memoryBankSize: model.model.memoryBank.size,
    };
    return model;
  }

  /** Releases the backbone session and the memory bank. */
  async dispose(): Promise<void> {
    const model = this.model;
    this.model = undefined;
    if (model === undefined) return;
    model.memoryBank.dispose();
    await model.backbone.dispose();
  }

  private async imageScore(
    model: PreparedModel,
    features: ReturnType<typeof createHostMatrix>,
    patchScores: Float32Array,
    distances: Float32Array,
    neighborIndices: Int32Array,
  ): Promise<number> {
    const rule = model.options.imageScore;
    if (rule === 'max') return patchScores[argmax(patchScores)] ?? 0;
    const k = model.options.anomalyScoreNumNn;
    const nearest = Array.from({ length: features.rows }, (_, q) => distances[q * k] ?? 0);
    const patchIndex = argmax(nearest);
    return reweightedImageScore(model.memoryBank, {
      features,
      patchIndex,
      nearestRow: neighborIndices[patchIndex * k] ?? 0,
      neighbors: rule.reweighting.neighbors,
    });
  }

  private prepared(): PreparedModel {
    if (this.model === undefined) {
      throw new InvalidStateError(
        'PatchCore is not set up: await load(options) or loadFromDirectory(dir) first',
      );
    }
    return this.model;
  }

  private fittedModel(): PreparedModel {
    const model = this.prepared();
    if (model.memoryBank.size === 0) {
      throw new InvalidStateError(
        'the memory bank is empty: await fit(trainingImages) before predict or save',
      );
    }
    if (model.options.anomalyScoreNumNn > model.memoryBank.size) {
      throw new RangeError(
        `anomalyScoreNumNn (${model.options.anomalyScoreNumNn}) exceeds the memory-bank size (${model.memoryBank.size})`,
      );
    }
    return model;
  }
}
