import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMvtecCategory } from '@patchcore/datasets';
import type { MvtecCategory } from '@patchcore/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anomalyMapAtOriginalSize, evaluateModel, PatchCore } from '../src/index.js';

const DATA = new URL('../../../../shared/data/bottle', import.meta.url).pathname;
const FULLRES = new URL(
  '../../../../shared/data/bottle_fullres/test/broken_large/000.png',
  import.meta.url,
).pathname;
const MODEL = new URL('../../../models/mobilenetv2.onnx', import.meta.url).pathname;
const available = existsSync(join(DATA, 'train', 'good')) && existsSync(MODEL);
if (!available) {
  console.warn(`skipping the bottle end-to-end test: needs ${DATA} and ${MODEL}`);
}

describe.skipIf(!available)('PatchCore on MVTec bottle (reduced: 4 training images)', () => {
  let category: MvtecCategory;
  let model: PatchCore;
  let dir: string;

  beforeAll(async () => {
    category = await loadMvtecCategory(DATA);
    model = new PatchCore();
    await model.load({ batchSize: 2 });
    await model.fit(category.train.slice(0, 4));
    dir = await mkdtemp(join(tmpdir(), 'patchcore-bottle-'));
  });

  afterAll(async () => {
    await model.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('fits a 10% bank with the default backbone, sampler and faiss bank', () => {
    expect(model.lastFit).toEqual({ imageCount: 4, featureCount: 4 * 784, memoryBankSize: 313 });
    expect(model.settings.inputShape).toEqual([3, 224, 224]);
  });

  it('separates defects from nominal images and gives maps at crop size', async () => {
    const test = [
      ...category.test.slice(0, 2),
      ...category.test.filter((s) => s.label === 0).slice(0, 3),
    ];
    const report = await evaluateModel(model, test);
    expect(report.counts).toMatchObject({ images: 5, anomalous: 2, nominal: 3 });
    expect(report.imageAuroc).toBe(1);
    expect(report.pixelAuroc).toBeGreaterThan(0.9);
    expect(report.predictions[0]!.anomalyMap.length).toBe(224 * 224);
    expect(report.predictions[0]!.geometry).toMatchObject({ originalWidth: 256, cropLeft: 16 });
  });

  it('gives the same scores for batch size 1 and 3', async () => {
    const paths = category.test.slice(0, 3).map((s) => s.path);
    const batched = await model.predict(paths);
    const single = new PatchCore();
    await single.load({ batchSize: 1 });
    await single.fit(category.train.slice(0, 4));
    const one = await single.predict(paths);
    expect(one.map((p) => p.imageScore)).toEqual(batched.map((p) => p.imageScore));
    await single.dispose();
  });

  it('round-trips a saved model with k = 3 through a faiss bank file', async () => {
    const k3 = new PatchCore();
    await k3.load({ anomalyScoreNumNn: 3 });
    await k3.fit(category.train.slice(0, 2));
    const paths = category.test.slice(0, 2).map((s) => s.path);
    const before = await k3.predict(paths);
    await k3.save(dir);
    const loaded = await PatchCore.loadFromDirectory(dir);
    expect(loaded.settings.anomalyScoreNumNn).toBe(3);
    expect((await loaded.predict(paths)).map((p) => p.imageScore)).toEqual(
      before.map((p) => p.imageScore),
    );
    await Promise.all([k3.dispose(), loaded.dispose()]);
  });

  it.skipIf(!existsSync(FULLRES))(
    'resizes a full-resolution original as configured and maps its map back to 900×900',
    async () => {
      const [full, small] = await model.predict([FULLRES, join(DATA, 'test/broken_large/000.png')]);
      expect(full!.geometry).toMatchObject({ originalWidth: 900, resizedWidth: 256, cropLeft: 16 });
      // The 256-px copy was made with the same Pillow resize, so the scores agree.
      expect(full!.imageScore).toBeCloseTo(small!.imageScore, 3);
      const original = anomalyMapAtOriginalSize(full!);
      expect([original.width, original.height]).toEqual([900, 900]);
      expect(original.data[0]).toBe(0);
      expect(original.data[450 * 900 + 450]).toBeGreaterThan(0);
    },
  );
});
