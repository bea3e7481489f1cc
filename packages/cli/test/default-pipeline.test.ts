import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/load-config.js';
import { patchCoreLoadOptions } from '../src/pipeline/default-pipeline.js';

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
});
