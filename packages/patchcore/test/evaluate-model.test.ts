import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidConfigError } from '@patchcore/core';
import type { ImageSample } from '@patchcore/core';
import { pixelAuroc } from '@patchcore/metrics';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { evaluateModel, PatchCore } from '../src/index.js';
import { InMemoryBank } from './helpers/in-memory-bank.js';
import { recordingLogger } from './helpers/recording-logger.js';
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

  it('restricts the anomaly-only pixel metrics to images whose resized mask has any value > 0 (SPEC §6.3)', async () => {
    const model = await fittedModel();
    const dir = await mkdtemp(join(tmpdir(), 'patchcore-masks-'));
    try {
      // 32×32 masks, so the 32 → 32 resize keeps their values: the first marks the defect
      // square with 255, the second with 200, which no pixel reaches 255 in (R: the float mask
      // sums to more than 0, so the image counts as anomalous; all its pixels are negatives).
      const masks = await Promise.all(
        [255, 200].map(async (value, i) => {
          const pixels = new Uint8Array(32 * 32);
          for (let y = 10; y < 16; y++) pixels.fill(value, y * 32 + 12, y * 32 + 18);
          const path = join(dir, `${i}_mask.png`);
          const png = await sharp(pixels, { raw: { width: 32, height: 32, channels: 1 } })
            .png()
            .toBuffer();
          await writeFile(path, png);
          return path;
        }),
      );
      const samples: ImageSample[] = [
        { path: 'img-10.png', label: 0 },
        { path: 'defect-11.png', label: 1, maskPath: masks[0]! },
        { path: 'defect-13.png', label: 1, maskPath: masks[1]! },
      ];
      const report = await evaluateModel(model, samples);
      const grid = (data: ArrayLike<number>) => ({ data, width: 32, height: 32 });
      const [, first, second] = report.predictions.map((p) => grid(p.anomalyMap));
      const square = new Uint8Array(32 * 32);
      for (let y = 10; y < 16; y++) square.fill(1, y * 32 + 12, y * 32 + 18);
      const empty = new Uint8Array(32 * 32);
      const bothDefects = pixelAuroc([first!, second!], [grid(square), grid(empty)]);
      const firstOnly = pixelAuroc([first!], [grid(square)]);
      expect(bothDefects).not.toBe(firstOnly);
      expect(report.pixelAurocAnomalous).toBe(bothDefects);
      expect(report.counts.anomalousPixels).toBe(36);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('evaluateModel mask warnings', () => {
  async function writeSquareMask(dir: string, name: string, value: number, size = 32) {
    const pixels = new Uint8Array(size * size);
    for (let y = 10; y < 16; y++) pixels.fill(value, y * size + 12, y * size + 18);
    const path = join(dir, name);
    await sharp(pixels, { raw: { width: size, height: size, channels: 1 } })
      .png()
      .toFile(path);
    return path;
  }

  it('explains the exact255 rule and says to save 0/255 when the masks hold 0/1', async () => {
    const model = await fittedModel();
    const dir = await mkdtemp(join(tmpdir(), 'patchcore-masks-'));
    try {
      const mask = await writeSquareMask(dir, '11_mask.png', 1);
      const { warnings, logger } = recordingLogger();
      await evaluateModel(
        model,
        [
          { path: 'img-10.png', label: 0 },
          { path: 'defect-11.png', label: 1, maskPath: mask },
        ],
        { logger },
      );
      const explanation = warnings.find((w) => w.includes('0/255'));
      expect(explanation).toContain(`1 of 1 masks`);
      expect(explanation).toContain(`'exact255'`);
      expect(explanation).toContain('exactly 255');
      expect(explanation).toContain(`${mask} has largest value 1`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the mask and both sizes when a mask and its image differ in size', async () => {
    const model = await fittedModel();
    const dir = await mkdtemp(join(tmpdir(), 'patchcore-masks-'));
    try {
      const mask = await writeSquareMask(dir, '11_mask.png', 255, 64);
      const { warnings, logger } = recordingLogger();
      await evaluateModel(
        model,
        [
          { path: 'img-10.png', label: 0 },
          { path: 'defect-11.png?w=32&h=32', label: 1, maskPath: mask },
        ],
        { logger },
      );
      expect(warnings).toContainEqual(
        expect.stringContaining(
          `mask ${mask} is 64×64 but its image defect-11.png?w=32&h=32 is 32×32`,
        ),
      );
      expect(warnings.some((w) => w.includes('0/255'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
