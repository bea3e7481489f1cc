import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidConfigError, InvalidFileError, InvalidStateError } from '@patchcore/core';
import type { ImageSample, ProgressEvent } from '@patchcore/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaissMemoryBank } from '@patchcore/memory-bank';
import { PatchCore } from '../src/index.js';
import type { PatchCoreOptions } from '../src/index.js';
import { InMemoryBank } from './helpers/in-memory-bank.js';
import { recordingLogger } from './helpers/recording-logger.js';
import {
  StrideSampler,
  SyntheticExtractor,
  syntheticPreprocessor,
} from './helpers/synthetic-parts.js';

const TRAIN = Array.from({ length: 7 }, (_, i) => `img-${i}.png`);
const TEST = [
  'img-100.png',
  'defect-101.png',
  'img-102.png',
  'defect-103.png',
  'img-104.png',
  'img-105.png',
  'defect-106.png',
];

function options(overrides: Partial<PatchCoreOptions> = {}): PatchCoreOptions {
  return {
    backbone: new SyntheticExtractor(),
    inputShape: [3, 32, 32],
    resize: 32,
    pretrainEmbedDimension: 20,
    targetEmbedDimension: 16,
    featuresampler: new StrideSampler(3),
    memoryBank: new InMemoryBank(),
    preprocess: syntheticPreprocessor(),
    ...overrides,
  };
}

async function fitted(overrides: Partial<PatchCoreOptions> = {}): Promise<PatchCore> {
  const model = new PatchCore();
  await model.load(options(overrides));
  await model.fit(TRAIN);
  return model;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patchcore-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PatchCore fit and predict', () => {
  it('scores defective images above nominal ones and returns maps at crop size', async () => {
    const model = await fitted();
    expect(model.memoryBankSize).toBe(Math.ceil((7 * 64) / 3));
    const predictions = await model.predict(TEST);
    expect(predictions.map((p) => p.path)).toEqual(TEST);
    const defect = predictions.filter((p) => p.path.startsWith('defect')).map((p) => p.imageScore);
    const nominal = predictions.filter((p) => p.path.startsWith('img')).map((p) => p.imageScore);
    expect(Math.min(...defect)).toBeGreaterThan(Math.max(...nominal));
    const first = predictions[0]!;
    expect(first.patchGrid).toEqual([8, 8]);
    expect(first.patchScores.length).toBe(64);
    expect(first.anomalyMap.length).toBe(32 * 32);
    expect(first.imageScore).toBe(Math.max(...first.patchScores));
    expect(first.label).toBeUndefined();
  });

  it('gives identical results when batch size is 1, 2 or 7 and when the order changes', async () => {
    const runs = await Promise.all(
      [1, 2, 7].map(async (batchSize) => {
        const model = await fitted({ batchSize });
        return { model, predictions: await model.predict(TEST) };
      }),
    );
    const reference = runs[0]!.predictions;
    for (const { predictions } of runs) {
      expect(predictions.map((p) => p.imageScore)).toEqual(reference.map((p) => p.imageScore));
      predictions.forEach((p, i) => expect(p.anomalyMap).toEqual(reference[i]!.anomalyMap));
    }
    const reversed = await runs[1]!.model.predict([...TEST].reverse());
    expect(reversed.map((p) => p.imageScore).reverse()).toEqual(reference.map((p) => p.imageScore));
    // Fit order does not matter for a sampler that keeps all rows in any order either.
    const shuffled = new PatchCore();
    await shuffled.load(options({ featuresampler: new StrideSampler(1), batchSize: 3 }));
    await shuffled.fit([...TRAIN].reverse());
    const ordered = await fitted({ featuresampler: new StrideSampler(1) });
    expect((await shuffled.predict(TEST)).map((p) => p.imageScore)).toEqual(
      (await ordered.predict(TEST)).map((p) => p.imageScore),
    );
  });

  it('accepts async batches and sample objects and adds labels when a threshold is set', async () => {
    const model = new PatchCore();
    await model.load(options());
    async function* batches(): AsyncGenerator<readonly ImageSample[]> {
      yield await Promise.resolve(TRAIN.slice(0, 3).map((path) => ({ path })));
      yield TRAIN.slice(3).map((path) => ({ path, label: 0 as const }));
    }
    const summary = await model.fit(batches());
    expect(summary).toEqual({ imageCount: 7, featureCount: 7 * 64, memoryBankSize: 150 });
    const scores = (await model.predict(TEST)).map((p) => p.imageScore);
    const threshold = [...scores].sort((a, b) => a - b)[3]!;
    const labelled = await model.predict(TEST, { threshold });
    expect(labelled.map((p) => p.label)).toEqual(scores.map((s) => (s >= threshold ? 1 : 0)));
  });

  it('reports progress for extract, sample, index and predict', async () => {
    const events: ProgressEvent[] = [];
    const model = new PatchCore();
    await model.load(options({ batchSize: 3 }));
    await model.fit(TRAIN, { onProgress: (e) => events.push(e) });
    await model.predict(TEST.slice(0, 2), { onProgress: (e) => events.push(e) });
    const extract = events.filter((e) => e.stage === 'extract');
    expect(extract.map((e) => [e.done, e.total])).toEqual([
      [3, 7],
      [6, 7],
      [7, 7],
    ]);
    expect(events.filter((e) => e.stage === 'index').at(-1)).toMatchObject({
      done: 150,
      total: 150,
    });
    expect(events.filter((e) => e.stage === 'predict').at(-1)).toMatchObject({ done: 2, total: 2 });
  });

  it('works with a single training image', async () => {
    const model = new PatchCore();
    await model.load(options());
    await model.fit(['img-0.png']);
    expect(model.memoryBankSize).toBe(Math.ceil(64 / 3));
    expect((await model.predict(['img-1.png']))[0]!.imageScore).toBeGreaterThanOrEqual(0);
  });

  it('keeps the Eq. 7 image score within [(1 − 1/b)·s*, s*) when reweighting is on', async () => {
    const model = await fitted({ imageScore: { reweighting: { neighbors: 4 } } });
    const plain = await fitted();
    const [weighted, max] = [await model.predict(TEST), await plain.predict(TEST)];
    weighted.forEach((p, i) => {
      const sStar = Math.sqrt(max[i]!.imageScore);
      expect(p.imageScore).toBeLessThan(sStar);
      expect(p.imageScore).toBeGreaterThanOrEqual((1 - 1 / 4) * sStar - 1e-6);
    });
  });

  it('uses b = 9 neighbours when reweighting is asked for without a count (SPEC §4.3)', async () => {
    const model = new PatchCore();
    await model.load(options({ imageScore: { reweighting: {} } }));
    expect(model.settings.imageScore).toEqual({ reweighting: { neighbors: 9 } });
  });

  it('warns when the re-weighting neighbour count exceeds the memory bank', async () => {
    const { warnings, logger } = recordingLogger();
    const model = new PatchCore({ logger });
    await model.load(options({ imageScore: { reweighting: { neighbors: 100000 } } }));
    await model.fit(TRAIN);
    expect(warnings.join('\n')).toMatch(
      /imageScore.reweighting.neighbors \(100000\) exceeds the memory bank \(\d+ rows\)/,
    );
  });
});

describe('PatchCore bad input', () => {
  it('throws InvalidConfigError when the training set holds no images', async () => {
    const model = new PatchCore();
    await model.load(options());
    await expect(model.fit([])).rejects.toThrow(InvalidConfigError);
    await expect(model.fit([])).rejects.toThrow(/no images/);
  });

  it('throws a ShapeMismatchError naming the image when preprocessing returns another size', async () => {
    const model = new PatchCore();
    await model.load(options({ preprocess: syntheticPreprocessor(16) }));
    await expect(model.fit(['img-0.png'])).rejects.toThrow(
      /img-0\.png.*expected \[3072\], got \[768\]/,
    );
  });

  it('throws InvalidConfigError listing the layers when the backbone lacks one', async () => {
    const model = new PatchCore();
    await expect(model.load(options({ layersToExtractFrom: ['fine', 'layer3'] }))).rejects.toThrow(
      /yields layers \[fine, coarse\].*missing: layer3/,
    );
  });

  it('throws RangeError when anomalyScoreNumNn exceeds the memory-bank size', async () => {
    const model = new PatchCore();
    await model.load(options({ anomalyScoreNumNn: 30, featuresampler: new StrideSampler(4) }));
    await expect(model.fit(['img-0.png'])).rejects.toThrow(
      /anomalyScoreNumNn \(30\) exceeds the memory-bank size \(16 rows/,
    );
  });

  it('refuses a k larger than the coming memory bank before extracting or sampling', async () => {
    const sampler = new StrideSampler(4);
    let sampled = 0;
    const counting = Object.assign(Object.create(sampler) as StrideSampler, {
      run: (features: Parameters<StrideSampler['run']>[0]) => {
        sampled++;
        return sampler.run(features);
      },
    });
    const model = new PatchCore();
    await model.load(options({ anomalyScoreNumNn: 30, featuresampler: counting }));
    let extracted = 0;
    const images = (async function* () {
      extracted++;
      yield await Promise.resolve([{ path: 'img-0.png' }]);
    })();
    // A known image count: refused before the first image is read.
    await expect(model.fit(['img-0.png'], { onProgress: () => extracted++ })).rejects.toThrow(
      /anomalyScoreNumNn \(30\) exceeds the memory-bank size \(16 rows from 64 features\)/,
    );
    expect(extracted).toBe(0);
    // An unknown count (async iterable): refused after extraction, before sampling.
    await expect(model.fit(images)).rejects.toThrow(/anomalyScoreNumNn \(30\)/);
    expect(extracted).toBe(1);
    expect(sampled).toBe(0);
  });

  it("refuses a bank smaller than its index's training floor before extracting", async () => {
    const bank = Object.assign(new InMemoryBank(), { minimumRows: 512 });
    let extracted = 0;
    const model = new PatchCore();
    await model.load(options({ memoryBank: bank, featuresampler: new StrideSampler(4) }));
    await expect(model.fit(['img-0.png'], { onProgress: () => extracted++ })).rejects.toThrow(
      /index 'brute-force' needs at least 512 rows, but the sampler keeps 16 of 64 features/,
    );
    expect(extracted).toBe(0);
  });

  it('throws InvalidStateError when predicting before fit or load', async () => {
    const model = new PatchCore();
    await expect(model.predict(TEST)).rejects.toThrow(InvalidStateError);
    await model.load(options());
    await expect(model.predict(TEST)).rejects.toThrow(/fit/);
  });

  it('throws InvalidConfigError naming the key for invalid options', async () => {
    const model = new PatchCore();
    await expect(model.load(options({ patchsize: 0 }))).rejects.toThrow(
      /patchsize must be a positive integer, got 0/,
    );
    await expect(model.load(options({ inputShape: [3, 48, 48] }))).rejects.toThrow(/resize \(32\)/);
  });
});

describe('PatchCore save and load', () => {
  it.each([1, 3, 5])('round-trips identical scores and k when k = %i', async (k) => {
    const model = await fitted({ anomalyScoreNumNn: k });
    const before = await model.predict(TEST);
    const target = join(dir, `k${k}`);
    await model.save(target);
    const manifest = JSON.parse(await readFile(join(target, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest['anomalyScoreNumNn']).toBe(k);
    const loaded = await PatchCore.loadFromDirectory(target, {
      backbone: new SyntheticExtractor(),
      memoryBank: new InMemoryBank(),
      preprocess: syntheticPreprocessor(),
    });
    expect(loaded.settings.anomalyScoreNumNn).toBe(k);
    const after = await loaded.predict(TEST);
    expect(after.map((p) => p.imageScore)).toEqual(before.map((p) => p.imageScore));
    after.forEach((p, i) => expect(p.anomalyMap).toEqual(before[i]!.anomalyMap));
  });

  it('records every setting needed to predict in the manifest', async () => {
    const model = await fitted({ anomalyScoreNumNn: 3 });
    await model.save(join(dir, 'manifest'));
    const manifest = JSON.parse(
      await readFile(join(dir, 'manifest', 'manifest.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      format: 'patchcore-ts/model',
      packageVersion: '0.1.0',
      preprocessing: { resize: 32, cropHeight: 32, cropWidth: 32, normalization: null },
      backbone: { name: 'synthetic', checksum: 'synthetic-checksum-1', source: 'synthetic' },
      layersToExtractFrom: ['fine', 'coarse'],
      inputShape: [3, 32, 32],
      pretrainEmbedDimension: 20,
      targetEmbedDimension: 16,
      patchsize: 3,
      anomalyScoreNumNn: 3,
      featuresampler: { name: 'random', seed: 3 },
      memoryBank: { kind: 'in-memory', size: 150, dimension: 16, file: 'memory-bank.bin' },
      scoring: { patchScore: 'mean-squared-l2', imageScore: 'max' },
    });
  });

  it('refuses a bank file whose checksum or dimension disagrees with the manifest', async () => {
    const model = await fitted();
    const target = join(dir, 'tamper');
    await model.save(target);
    const parts = () => ({
      backbone: new SyntheticExtractor(),
      memoryBank: new InMemoryBank(),
      preprocess: syntheticPreprocessor(),
    });
    const bankPath = join(target, 'memory-bank.bin');
    const original = await readFile(bankPath);
    const changed = Buffer.from(original);
    changed[20] = changed[20]! ^ 0xff;
    await writeFile(bankPath, changed);
    await expect(PatchCore.loadFromDirectory(target, parts())).rejects.toThrow(
      /checksum .* disagrees/,
    );

    // A bank of another dimension whose checksum the manifest does record.
    const other = new InMemoryBank();
    await other.build({ data: new Float32Array(8 * 3), rows: 8, dims: 3 });
    await other.save(bankPath);
    const manifestPath = join(target, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
      memoryBank: { checksum: string };
    };
    const { createHash } = await import('node:crypto');
    manifest.memoryBank.checksum = createHash('sha256')
      .update(await readFile(bankPath))
      .digest('hex');
    await writeFile(manifestPath, JSON.stringify(manifest));
    await expect(PatchCore.loadFromDirectory(target, parts())).rejects.toThrow(InvalidFileError);
    await expect(PatchCore.loadFromDirectory(target, parts())).rejects.toThrow(
      /8 rows of dimension 3/,
    );
  });

  it('names a missing model folder, a file given for it and a folder without a manifest', async () => {
    const missing = join(dir, 'no-such-model');
    await expect(PatchCore.loadFromDirectory(missing)).rejects.toThrow(InvalidFileError);
    await expect(PatchCore.loadFromDirectory(missing)).rejects.toThrow(
      `${missing}: no such model folder`,
    );
    const model = await fitted();
    const target = join(dir, 'given-as-file');
    await model.save(target);
    const manifestFile = join(target, 'manifest.json');
    await expect(PatchCore.loadFromDirectory(manifestFile)).rejects.toThrow(
      `${manifestFile}: is a file, not a model folder`,
    );
    const empty = await mkdtemp(join(dir, 'empty-'));
    await expect(PatchCore.loadFromDirectory(empty)).rejects.toThrow(
      `${empty}: not a model folder: manifest.json is missing`,
    );
  });

  it('keeps the faiss search parameters across save and load', async () => {
    const model = new PatchCore();
    await model.load(
      options({
        memoryBank: new FaissMemoryBank({ index: 'HNSW32', searchParameters: { efSearch: 48 } }),
      }),
    );
    await model.fit(TRAIN);
    const first = join(dir, 'search-parameters');
    await model.save(first);
    const loaded = await PatchCore.loadFromDirectory(first, {
      backbone: new SyntheticExtractor(),
      preprocess: syntheticPreprocessor(),
    });
    const second = join(dir, 'search-parameters-again');
    await loaded.save(second);
    const manifest = JSON.parse(await readFile(join(second, 'manifest.json'), 'utf8')) as {
      memoryBank: { index: string; searchParameters?: Record<string, number> };
    };
    expect(manifest.memoryBank.index).toBe('HNSW32');
    expect(manifest.memoryBank.searchParameters).toEqual({ efSearch: 48 });

    // An older manifest without the key loads; a bad or unsuitable value names the manifest.
    const manifestPath = join(first, 'manifest.json');
    const original = JSON.parse(await readFile(manifestPath, 'utf8')) as {
      memoryBank: Record<string, unknown>;
    };
    const withParameters = async (searchParameters: unknown) => {
      const edited = { ...original, memoryBank: { ...original.memoryBank, searchParameters } };
      await writeFile(manifestPath, JSON.stringify(edited));
      return PatchCore.loadFromDirectory(first, {
        backbone: new SyntheticExtractor(),
        preprocess: syntheticPreprocessor(),
      });
    };
    await expect(withParameters(undefined)).resolves.toBeInstanceOf(PatchCore);
    await expect(withParameters({ efSearch: 'x' })).rejects.toThrow(
      /manifest\.json: manifest key 'memoryBank\.searchParameters' must map parameter names to numbers/,
    );
    await expect(withParameters({ nprobe: 4 })).rejects.toThrow(
      /manifest\.json: memoryBank: searchParameters\.nprobe = 4 does not apply to index 'HNSW32'/,
    );
  });

  it('refuses a backbone whose checksum differs from the manifest', async () => {
    const model = await fitted();
    const target = join(dir, 'backbone');
    await model.save(target);
    await expect(
      PatchCore.loadFromDirectory(target, {
        backbone: new SyntheticExtractor(32, ['fine', 'coarse'], 'another-checksum'),
        memoryBank: new InMemoryBank(),
        preprocess: syntheticPreprocessor(),
      }),
    ).rejects.toThrow(/checksum another-checksum, the manifest records synthetic-checksum-1/);
  });
});

describe('PatchCore layer order', () => {
  it('warns when a finer layer follows the first (grid-setting) layer', async () => {
    const { warnings, logger } = recordingLogger();
    const model = new PatchCore({ logger });
    await model.load(options({ backbone: new SyntheticExtractor(32, ['coarse', 'fine']) }));
    expect(model.settings.patchsize).toBe(3);
    expect(warnings.join('\n')).toMatch(/'coarse' \(4×4\) sets the patch grid.*'fine'/);
  });
});
