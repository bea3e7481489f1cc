import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/load-config.js';
import { createDefaultPipeline, patchCoreLoadOptions } from '../src/pipeline/default-pipeline.js';
import { createSyntheticCategory } from './helpers/synthetic-category.js';

describe('patchCoreLoadOptions', () => {
  it('builds the configured sampler when the config names one', () => {
    const config = resolveConfig({ sampler: { name: 'random', percentage: 0.2, seed: 7 } });
    const options = patchCoreLoadOptions(config);
    expect(options.featuresampler.describe()).toMatchObject({
      name: 'random',
      percentage: 0.2,
      seed: 7,
    });
    options.memoryBank.dispose();
  });

  it('passes every model key through unchanged when the config sets it', () => {
    const config = resolveConfig({
      anomalyScoreNumNn: 3,
      patchsize: 5,
      inputShape: [3, 112, 112],
      resize: 128,
      imageScore: { reweighting: { neighbors: 4 } },
      memoryBank: { index: 'HNSW32' },
    });
    const options = patchCoreLoadOptions(config);
    expect(options).toMatchObject({
      anomalyScoreNumNn: 3,
      patchsize: 5,
      inputShape: [3, 112, 112],
      resize: 128,
      imageScore: { reweighting: { neighbors: 4 } },
      backbone: 'mobilenetv2',
    });
    expect(options.memoryBank.describe().index).toBe('HNSW32');
    options.memoryBank.dispose();
  });

  it('passes the faiss search parameters that are set, and none by default', () => {
    const tuned = patchCoreLoadOptions(
      resolveConfig({ memoryBank: { index: 'HNSW32', searchParameters: { efSearch: 64 } } }),
    );
    expect(tuned.memoryBank.options.searchParameters).toEqual({ efSearch: 64 });
    expect(patchCoreLoadOptions(resolveConfig({})).memoryBank.options.searchParameters).toEqual({});
  });
});

describe('createDefaultPipeline().loadSamples', () => {
  it('reads the train split when the MVTec folder holds only train/good', async () => {
    const category = await createSyntheticCategory();
    await rm(join(category, 'test'), { recursive: true });
    await rm(join(category, 'ground_truth'), { recursive: true });
    const samples = await createDefaultPipeline().loadSamples(category, 'mvtec', 'train');
    expect(samples.map((s) => basename(s.path))).toEqual([
      '000.png',
      '001.png',
      '002.png',
      '003.png',
    ]);
  });

  it('reads the train split when a test mask is missing', async () => {
    const category = await createSyntheticCategory();
    await rm(join(category, 'ground_truth/spot/001_mask.png'));
    const samples = await createDefaultPipeline().loadSamples(category, 'mvtec', 'train');
    expect(samples).toHaveLength(4);
  });

  it('throws naming the image when the test split misses a mask', async () => {
    const category = await createSyntheticCategory();
    await rm(join(category, 'ground_truth/spot/001_mask.png'));
    await expect(createDefaultPipeline().loadSamples(category, 'mvtec', 'test')).rejects.toThrow(
      /spot\/001\.png: has no mask/,
    );
  });
});

describe('createDefaultPipeline().createModel', () => {
  it('refuses an index faiss does not know before the model loads its backbone', async () => {
    const config = resolveConfig({ memoryBank: { index: 'Bogus99' } });
    const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    await expect(createDefaultPipeline().createModel(config, silent)).rejects.toThrow(
      /faiss rejected index 'Bogus99' for dimension 1024/,
    );
  });
});
