import { dirname } from 'node:path';
import {
  loadImageFolder,
  loadManifest,
  loadMvtecTestSplit,
  loadMvtecTrainSplit,
} from '@patchcore/datasets';
import type { ImageSample, Logger } from '@patchcore/core';
import { FaissMemoryBank } from '@patchcore/memory-bank';
import { PatchCore, anomalyMapAtOriginalSize, evaluateModel } from '@patchcore/patchcore';
import type { PatchCorePrediction } from '@patchcore/patchcore';
import { createSampler } from '@patchcore/samplers';
import type { ResolvedPatchcoreConfig } from '../config/config-schema.js';
import type { CliModel, CliPrediction, Pipeline } from './pipeline.js';

/** The entries of `record` whose value is set. */
function definedEntries(record: Readonly<Record<string, number | undefined>>) {
  return Object.fromEntries(
    Object.entries(record).filter((entry): entry is [string, number] => entry[1] !== undefined),
  );
}

/**
 * The `PatchCore.load` options a resolved config stands for: the config's keys are the
 * seed's parameter names, so this is key for key, with the sampler and the memory bank built
 * from their sections.
 *
 * @param config - a resolved config.
 * @param logger - handed to the sampler; default: silent.
 * @returns options for `PatchCore.load`.
 */
export function patchCoreLoadOptions(config: ResolvedPatchcoreConfig, logger?: Logger) {
  return {
    backbone: config.backbone,
    layersToExtractFrom: config.layersToExtractFrom,
    device: config.device,
    inputShape: config.inputShape,
    resize: config.resize,
    pretrainEmbedDimension: config.pretrainEmbedDimension,
    targetEmbedDimension: config.targetEmbedDimension,
    featuresampler: createSampler(config.sampler, logger),
    patchsize: config.patchsize,
    anomalyScoreNumNn: config.anomalyScoreNumNn,
    memoryBank: new FaissMemoryBank({
      index: config.memoryBank.index,
      threads: config.memoryBank.threads,
      dimension: config.targetEmbedDimension,
      searchParameters: definedEntries(config.memoryBank.searchParameters),
    }),
    imageScore: config.imageScore,
    batchSize: config.batchSize,
    threads: config.threads,
  } as const;
}

/** A prediction of the real model, carrying what the original-size map needs. */
interface RealPrediction extends CliPrediction {
  readonly prediction: PatchCorePrediction;
}

function toCliPrediction(sample: ImageSample, prediction: PatchCorePrediction): RealPrediction {
  return {
    sample,
    imageScore: prediction.imageScore,
    anomalyMap: prediction.anomalyMap,
    prediction,
    ...(prediction.label === undefined ? {} : { predictedLabel: prediction.label }),
  };
}

/** {@link CliModel} over a `PatchCore` instance. */
class PatchCoreCliModel implements CliModel {
  constructor(readonly model: PatchCore) {}

  get memoryBankSize(): number {
    return this.model.memoryBankSize;
  }

  async fit(samples: readonly ImageSample[], onProgress: CliModelProgress): Promise<void> {
    await this.model.fit(samples, { onProgress });
  }

  async predict(
    samples: readonly ImageSample[],
    options: { onProgress: CliModelProgress; threshold?: number },
  ): Promise<CliPrediction[]> {
    const predictions = await this.model.predict(samples, options);
    return predictions.map((p, i) => toCliPrediction(samples[i] ?? { path: p.path }, p));
  }

  anomalyMapAtOriginalSize(prediction: CliPrediction) {
    // Pixels outside the centre crop were never seen: NaN leaves them uncoloured.
    const real = (prediction as RealPrediction).prediction;
    return Promise.resolve(anomalyMapAtOriginalSize(real, Number.NaN));
  }

  save(dir: string): Promise<void> {
    return this.model.save(dir);
  }

  dispose(): Promise<void> {
    return this.model.dispose();
  }
}

type CliModelProgress = Parameters<CliModel['fit']>[1];

async function loadSamples(
  path: string,
  layout: ResolvedPatchcoreConfig['data']['layout'],
  split: 'train' | 'test',
  logger: Logger,
): Promise<ImageSample[]> {
  switch (layout) {
    // Each split reads only its own folders: fit needs train/good alone, and the test
    // folder and its masks are checked only when evaluate reads them.
    case 'mvtec':
      return split === 'train'
        ? (await loadMvtecTrainSplit(path, { logger })).train
        : (await loadMvtecTestSplit(path, { logger })).test;
    case 'folder':
      return loadImageFolder(path, { logger });
    case 'manifest':
      return loadManifest(path);
  }
}

/**
 * The pipeline over the real packages: `PatchCore` with the configured backbone, sampler
 * (`createSampler`) and faiss memory bank; datasets from `@patchcore/datasets`; metrics from
 * `evaluateModel`; benchmarks from `@patchcore/bench` (imported on first use).
 *
 * @param logger - where dataset loading logs.
 * @returns the pipeline.
 */
export function createDefaultPipeline(logger?: Logger): Pipeline {
  const quiet: Logger = logger ?? {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  return {
    createModel: async (config, modelLogger) => {
      const model = new PatchCore({ logger: modelLogger });
      const options = patchCoreLoadOptions(config, modelLogger);
      // A typo in memoryBank.index would otherwise surface only after extraction and sampling.
      options.memoryBank.checkIndex();
      await model.load(options);
      return new PatchCoreCliModel(model);
    },
    loadModel: async (dir, modelLogger) =>
      new PatchCoreCliModel(await PatchCore.loadFromDirectory(dir, { logger: modelLogger })),
    loadSamples: (path, layout, split) => loadSamples(path, layout, split, quiet),
    evaluate: async (model, samples, options) => {
      if (!(model instanceof PatchCoreCliModel)) {
        throw new TypeError('evaluate needs a model created or loaded by this pipeline');
      }
      const real = model.model;
      const report = await evaluateModel(real, samples, options);
      return {
        metrics: {
          imageAuroc: report.imageAuroc,
          pixelAuroc: report.pixelAuroc,
          pixelAurocAnomalyOnly: report.pixelAurocAnomalous,
          pixelAupro: report.pixelAupro,
          pixelAuproAnomalyOnly: report.pixelAuproAnomalous,
          f1OracleThreshold: report.f1OracleThreshold?.threshold ?? null,
          maskBinarization: report.maskBinarization,
        },
        predictions: report.predictions.map((p, i) =>
          toCliPrediction(samples[i] ?? { path: p.path }, p),
        ),
      };
    },
    runBenchmarks: async (options) => {
      const { runBenchmarks } = await import('@patchcore/bench');
      const run = await runBenchmarks(options);
      return { outDir: dirname(run.jsonPath), summary: run.markdown };
    },
  };
}
