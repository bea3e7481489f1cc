import { InvalidConfigError } from '@patchcore/core';
import type { ImageSample } from '@patchcore/core';
import { describe, expect, it } from 'vitest';
import { evaluateModel, PatchCore } from '../src/index.js';
import { InMemoryBank } from './helpers/in-memory-bank.js';
import {
  StrideSampler,
  SyntheticExtractor,
  syntheticPreprocessor,
} from './helpers/synthetic-parts.js';

async function fittedModel(): Promise<PatchCore> {
  const model = new PatchCore();
  await model.load({
    backbone: new SyntheticExtractor(),
    inputShape: [3, 32, 32],
    resize: 32,
    pretrainEmbedDimension: 20,
    targetEmbedDimension: 16,
    featuresampler: new StrideSampler(2),
    memoryBank: new InMemoryBank(),
    preprocess: syntheticPreprocessor(),
  });
  await model.fit(['img-0.png', 'img-1.png', 'img-2.png']);
  return model;
}

describe('evaluateModel', () => {
  it('computes image AUROC and leaves pixel metrics null when defects have no masks', async () => {
    const model = await fittedModel();
    const samples: ImageSample[] = [
      { path: 'img-10.png', label: 0, defectType: 'good' },
      { path: 'defect-11.png', label: 1, defectType: 'square' },
      { path: 'img-12.png', label: 0, defectType: 'good' },
      { path: 'defect-13.png', label: 1, defectType: 'square' },
    ];
    const report = await evaluateModel(model, samples);
    expect(report.imageAuroc).toBe(1);
    expect(report.pixelAuroc).toBeNull();
    expect(report.pixelAupro).toBeNull();
    expect(report.counts).toMatchObject({ images: 4, anomalous: 2, nominal: 2, pixels: 4 * 1024 });
    expect(report.images.map((i) => i.defectType)).toEqual(['good', 'square', 'good', 'square']);
    expect(report.predictions).toHaveLength(4);
  });

  it('returns a null image AUROC when only one label occurs', async () => {
    const model = await fittedModel();
    const report = await evaluateModel(model, [{ path: 'img-10.png', label: 0 }]);
    expect(report.imageAuroc).toBeNull();
  });

  it('throws InvalidConfigError naming the image when a sample has no label', async () => {
    const model = await fittedModel();
    await expect(evaluateModel(model, [{ path: 'img-10.png' }])).rejects.toThrow(
      InvalidConfigError,
    );
    await expect(evaluateModel(model, [{ path: 'img-10.png' }])).rejects.toThrow(/img-10\.png/);
  });
});
