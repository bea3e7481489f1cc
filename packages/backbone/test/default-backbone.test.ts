import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKBONE_OUTPUTS,
  DEFAULT_BACKBONE_SHA256,
  buildDefaultBackbone,
} from '../../../tools/backbone/default-backbone.js';
import {
  packNsfwjsMobileNetV2,
  type NsfwjsMobileNetV2,
} from '../../../tools/backbone/nsfwjs-package.js';
import { runTfjsReference } from '../../../tools/backbone/tfjs-reference.js';
import {
  DEFAULT_BACKBONE,
  DEFAULT_BACKBONE_LAYERS,
  defaultModelsDir,
  loadBackbone,
  preprocessImage,
} from '../src/index.js';

const data = new URL('../../../../shared/data/', import.meta.url).pathname;
const IMAGES = [
  'bottle/train/good/000.png',
  'bottle/test/broken_large/000.png',
  'textures/brick/000.png',
  'textures/grass/000.png',
].map((file) => join(data, file));
const hasImages = IMAGES.every((path) => existsSync(path));

// nsfwjs comes from the npm registry (npm pack); without it the conversion tests are skipped.
const work = await mkdtemp(join(tmpdir(), 'backbone-nsfwjs-'));
const nsfwjs: NsfwjsMobileNetV2 | undefined = await packNsfwjsMobileNetV2(work).catch(
  () => undefined,
);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe.skipIf(nsfwjs === undefined)('default backbone from nsfwjs@4.4.0 (needs npm pack)', () => {
  it('converts to the recorded sha256 when built again (reproducible, about 1 MB)', () => {
    const bytes = buildDefaultBackbone(nsfwjs!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(DEFAULT_BACKBONE_SHA256);
    expect(bytes.length).toBeGreaterThan(900_000);
    expect(bytes.length).toBeLessThan(1_200_000);
  });

  it.skipIf(!hasImages)(
    'matches TensorFlow.js within 1e-4 on real images (shared/data)',
    async () => {
      const path = join(work, 'mobilenetv2.onnx');
      await writeFile(path, buildDefaultBackbone(nsfwjs!));
      const batch = new Float32Array(IMAGES.length * 3 * 224 * 224);
      for (const [i, image] of IMAGES.entries()) {
        batch.set((await preprocessImage(image)).data, i * 3 * 224 * 224);
      }
      const shape = [IMAGES.length, 3, 224, 224] as [number, number, number, number];
      const reference = await runTfjsReference(
        nsfwjs!.artifacts,
        DEFAULT_BACKBONE_OUTPUTS,
        batch,
        shape,
      );
      const backbone = await loadBackbone(path, { intraOpThreads: 2 });
      const maps = await backbone.extract({ data: batch, shape });
      await backbone.dispose();
      expect(maps.map((m) => m.shape)).toEqual([
        [4, 192, 28, 28],
        [4, 384, 14, 14],
      ]);
      for (const [i, map] of maps.entries()) {
        let max = 0;
        for (let k = 0; k < map.data.length; k++) {
          max = Math.max(max, Math.abs(map.data[k]! - reference[i]!.data[k]!));
        }
        expect(max, map.layer).toBeLessThanOrEqual(1e-4); // measured: 2.35e-5 and 1.56e-5
      }
    },
  );
});

const installed = existsSync(join(defaultModelsDir(), 'mobilenetv2.onnx'));
describe.skipIf(!installed)('loadBackbone(mobilenetv2) (needs npm run setup)', () => {
  it('gives 192 × 28 × 28 and 384 × 14 × 14 maps with no normalisation at 224', async () => {
    const backbone = await loadBackbone(DEFAULT_BACKBONE);
    expect(backbone.layers).toEqual(DEFAULT_BACKBONE_LAYERS);
    expect(backbone.normalization).toBeNull();
    expect(backbone.describe().checksum).toBe(DEFAULT_BACKBONE_SHA256);
    const maps = await backbone.extract({
      data: new Float32Array(2 * 3 * 224 * 224).fill(0.5),
      shape: [2, 3, 224, 224],
    });
    expect(maps.map((m) => m.shape)).toEqual([
      [2, 192, 28, 28],
      [2, 384, 14, 14],
    ]);
    await backbone.dispose();
  });
});
