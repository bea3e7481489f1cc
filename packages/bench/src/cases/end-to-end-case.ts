import type { FeatureSampler } from '@patchcore/core';
import type { BenchmarkCase, BenchmarkMode, CaseContext, CaseSession } from '../benchmark-case.js';
import { cacheRealFeatures, hasRealFeatures } from '../feature-data.js';
import { listBottleImages, spread } from './bottle-images.js';
import { createInstrumentedPatchCore } from './instrumented-patchcore.js';
import { createBenchmarkSampler } from './sampler-factory.js';
import { captureFeatures } from './capturing-sampler.js';

const IMAGES: Readonly<Record<BenchmarkMode, { train: number; test: number }>> = {
  quick: { train: 4, test: 2 },
  full: { train: Number.POSITIVE_INFINITY, test: 24 },
};

/** faiss threads of the end-to-end model: the memory bank's default. */
const THREADS = 1;

/** Feature dimension of the default model (P = T = 1024). */
const DIMS = 1024;

async function writeFeatureCache(train: readonly string[], context: CaseContext): Promise<string> {
  const capture = captureFeatures();
  const capturing = await createInstrumentedPatchCore(capture.sampler, THREADS, context);
  try {
    await capturing.model.fit(train);
  } finally {
    await capturing.model.dispose();
  }
  const features = capture.take();
  if (features === undefined || features.dims !== DIMS) return 'not written';
  await cacheRealFeatures(context.cacheDir, context.mode, features);
  return `written (${features.rows} rows)`;
}

function sum(stages: Readonly<Record<string, number>>, names: readonly string[]): number {
  return names.reduce((total, name) => total + (stages[name] ?? 0), 0);
}

/**
 * Names the stage times of one run: fit totals, and predict per image. The stages nobody wraps
 * (aggregation, scoring) are what remains of the call's time.
 */
function stageTimings(
  fitMs: number,
  fit: Readonly<Record<string, number>>,
  predictMs: number,
  predict: Readonly<Record<string, number>>,
  testImages: number,
): Record<string, number> {
  const fitRest = fitMs - sum(fit, ['preprocess', 'backbone', 'sample', 'index']);
  const predictRest = predictMs - sum(predict, ['preprocess', 'backbone', 'search']);
  return {
    fit: fitMs,
    'fit.preprocess': fit['preprocess'] ?? 0,
    'fit.backbone': fit['backbone'] ?? 0,
    'fit.aggregate': Math.max(0, fitRest),
    'fit.sample': fit['sample'] ?? 0,
    'fit.index': fit['index'] ?? 0,
    'predict per image': predictMs / testImages,
    'predict.preprocess per image': (predict['preprocess'] ?? 0) / testImages,
    'predict.backbone per image': (predict['backbone'] ?? 0) / testImages,
    'predict.search per image': (predict['search'] ?? 0) / testImages,
    'predict.aggregate+score per image': Math.max(0, predictRest) / testImages,
  };
}

/**
 * PatchCore fit and predict on MVTec bottle with the defaults (embedded MobileNetV2,
 * approximate greedy coreset at 10%, exact faiss bank), split by stage. Its setup also
 * caches the training features for the sampler and memory-bank cases.
 */
export const endToEndCase: BenchmarkCase = {
  name: 'end-to-end',
  title: 'End to end (MVTec bottle)',
  description:
    'One run = `fit` on the training images, then `predict` on test images spread over the ' +
    'defect types. fit.* are totals per fit: preprocess (decode, resize, crop), backbone, ' +
    'aggregate (the rest of feature extraction: aggregation and buffer copies), sample, index. ' +
    'predict.* are per image: preprocess, backbone, search, and aggregate+score (aggregation, ' +
    'patch scores, anomaly map). Peak RSS is that of the whole process during the runs.',
  variants: (mode) => [
    {
      id: mode === 'full' ? 'bottle all train' : `bottle ${IMAGES.quick.train} train`,
      params: { category: 'bottle', ...IMAGES[mode], sampler: 'approx_greedy_coreset' },
    },
  ],
  async setup(_variant, context): Promise<CaseSession> {
    const images = await listBottleImages(context.dataDir);
    const counts = IMAGES[context.mode];
    const train = images.train.slice(0, counts.train);
    const test = spread(images.test, counts.test);

    // Untimed: cache the real training features for the sampler and memory-bank cases, once
    // per output folder (delete its cache/ to refresh them).
    const featureCache = (await hasRealFeatures(context.cacheDir, context.mode, DIMS))
      ? 'reused'
      : await writeFeatureCache(train, context);

    const sampler: FeatureSampler = await createBenchmarkSampler(
      'approx_greedy_coreset',
      0.1,
      context.seed,
      context.logger,
    );
    const { model, clock } = await createInstrumentedPatchCore(sampler, THREADS, context);
    let fitted = { featureCount: 0, memoryBankSize: 0 };
    return {
      async iterate() {
        const fitStart = performance.now();
        fitted = await model.fit(train, { onProgress: context.onProgress });
        const fitMs = performance.now() - fitStart;
        const fit = clock.take();
        const predictStart = performance.now();
        await model.predict(test, { onProgress: context.onProgress });
        const predictMs = performance.now() - predictStart;
        const predict = clock.take();
        return { timingsMs: stageTimings(fitMs, fit, predictMs, predict, test.length) };
      },
      finish() {
        return Promise.resolve({
          figures: {
            trainImages: train.length,
            testImages: test.length,
            featureCount: fitted.featureCount,
            memoryBankSize: fitted.memoryBankSize,
          },
          facts: { faissThreads: THREADS, featureCache },
        });
      },
      dispose: () => model.dispose(),
    };
  },
};
