import type {
  FeatureExtractor,
  FeatureSampler,
  HostMatrix,
  MemoryBank,
  ProgressCallback,
} from '@patchcore/core';
import type { CaseContext } from '../benchmark-case.js';
import { importExports } from '../optional-import.js';
import { createFaissMemoryBank } from './memory-bank-factory.js';
import { StageClock } from './stage-clock.js';

/** The part of `@patchcore/patchcore`'s `PatchCore` the cases use. */
export interface PatchCoreModel {
  load(options: Record<string, unknown>): Promise<void>;
  fit(
    input: readonly string[],
    options?: { onProgress?: ProgressCallback },
  ): Promise<{ featureCount: number; memoryBankSize: number }>;
  predict(
    input: readonly string[],
    options?: { onProgress?: ProgressCallback },
  ): Promise<unknown[]>;
  dispose(): Promise<void>;
}

type PatchCoreConstructor = new (options: Record<string, unknown>) => PatchCoreModel;
type Preprocessor = (path: string, settings: Record<string, unknown>) => Promise<unknown>;
type LoadBackbone = (name: string, options: Record<string, unknown>) => Promise<FeatureExtractor>;

function timedBackbone(inner: FeatureExtractor, clock: StageClock): FeatureExtractor {
  return {
    layers: inner.layers,
    inputShape: inner.inputShape,
    normalization: inner.normalization,
    extract: (batch) => clock.time('backbone', () => inner.extract(batch)),
    describe: () => inner.describe(),
    dispose: () => inner.dispose(),
  };
}

function timedSampler(inner: FeatureSampler, clock: StageClock): FeatureSampler {
  return {
    describe: () => inner.describe(),
    run: (features, options) => clock.time('sample', () => inner.run(features, options)),
    select: (features, options) => clock.time('sample', () => inner.select(features, options)),
  };
}

function timedMemoryBank(inner: MemoryBank, clock: StageClock): MemoryBank {
  return {
    get size() {
      return inner.size;
    },
    get dimension() {
      return inner.dimension;
    },
    build: (features: HostMatrix) => clock.time('index', () => inner.build(features)),
    search: (queries, k) => clock.time('search', () => inner.search(queries, k)),
    rows: (indices) => inner.rows(indices),
    save: (path) => inner.save(path),
    load: (path) => inner.load(path),
    describe: () => inner.describe(),
    dispose: () => inner.dispose(),
  };
}

/** A PatchCore model whose backbone, preprocessing, sampler and memory bank report their time. */
export interface InstrumentedPatchCore {
  /** The model, loaded. */
  readonly model: PatchCoreModel;
  /** Time per stage: `preprocess`, `backbone`, `sample`, `index`, `search`. */
  readonly clock: StageClock;
}

/**
 * Builds `@patchcore/patchcore`'s `PatchCore` with the default backbone, the given sampler and
 * an exact faiss memory bank, each wrapped to time its calls.
 *
 * @param sampler - the sampler to fit with.
 * @param threads - faiss threads.
 * @param context - logger.
 * @returns the loaded model and its stage clock (reset after loading).
 * @throws {@link CaseUnavailableError} when a package or export is missing.
 */
export async function createInstrumentedPatchCore(
  sampler: FeatureSampler,
  threads: number,
  context: CaseContext,
): Promise<InstrumentedPatchCore> {
  const { PatchCore } = await importExports('@patchcore/patchcore', ['PatchCore']);
  const backboneModule = await importExports('@patchcore/backbone', [
    'loadBackbone',
    'preprocessImage',
  ]);
  const loadBackbone = backboneModule['loadBackbone'] as LoadBackbone;
  const preprocessImage = backboneModule['preprocessImage'] as (
    path: string,
    options: Record<string, unknown>,
  ) => Promise<unknown>;
  const clock = new StageClock();
  const backbone = await loadBackbone('mobilenetv2', { logger: context.logger });
  const preprocess: Preprocessor = (path, settings) =>
    clock.time('preprocess', () =>
      preprocessImage(path, {
        resize: settings['resize'],
        cropSize: [settings['cropHeight'], settings['cropWidth']],
        normalization: settings['normalization'],
      }),
    );
  const model = new (PatchCore as PatchCoreConstructor)({ logger: context.logger });
  await model.load({
    backbone: timedBackbone(backbone, clock),
    featuresampler: timedSampler(sampler, clock),
    memoryBank: timedMemoryBank(await createFaissMemoryBank('Flat', threads, context), clock),
    preprocess,
    threads,
  });
  clock.take();
  return { model, clock };
}
