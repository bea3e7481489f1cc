import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadMask } from '../src/index.js';

const groundTruth = new URL('../../../../shared/data/bottle/ground_truth/', import.meta.url)
  .pathname;
const hasBottle = existsSync(groundTruth);

const sum = (mask: Uint8Array) => mask.reduce((s, v) => s + v, 0);

async function squareMask(): Promise<Buffer> {
  const size = 900;
  const pixels = new Uint8Array(size * size);
  for (let y = 300; y < 600; y++) pixels.fill(255, y * size + 300, y * size + 600);
  return sharp(pixels, { raw: { width: size, height: size, channels: 1 } })
    .png()
    .toBuffer();
}

describe('loadMask', () => {
  it('counts 84² pixels when a 300 px square in 900 px is resized to 256 and cropped (== 255)', async () => {
    const mask = await loadMask(await squareMask());
    expect(mask.length).toBe(224 * 224);
    expect(sum(mask)).toBe(7056); // SPEC §1.2, verified against the reference
  });

  it('counts 86² pixels when the opt-in ≥ 0.5 rule is chosen', async () => {
    expect(sum(await loadMask(await squareMask(), { binarization: 'atLeastHalf' }))).toBe(7392);
  });

  it('counts every pixel with a value above 0 (7,740) with anyNonZero, the anomalous-image rule', async () => {
    expect(sum(await loadMask(await squareMask(), { binarization: 'anyNonZero' }))).toBe(7740);
  });

  it('returns only 0 and 1 laid out row-major when the crop is not square', async () => {
    const mask = await loadMask(await squareMask(), { cropSize: [200, 240] });
    expect(mask.length).toBe(200 * 240);
    expect(new Set(mask)).toEqual(new Set([0, 1]));
  });

  it('throws RangeError naming the value when the binarisation rule is unknown', async () => {
    await expect(
      loadMask(await squareMask(), { binarization: 'gt127' as 'exact255' }),
    ).rejects.toThrow(/gt127/);
  });
});

describe.skipIf(!hasBottle)('loadMask on MVTec bottle (needs shared/data/bottle)', () => {
  it('finds 290,938 positive pixels in the 63 masks when the R rule (== 255) is used', async () => {
    let exact = 0;
    let half = 0;
    let masks = 0;
    for (const defect of readdirSync(groundTruth)) {
      for (const file of readdirSync(join(groundTruth, defect))) {
        const path = join(groundTruth, defect, file);
        exact += sum(await loadMask(path));
        half += sum(await loadMask(path, { binarization: 'atLeastHalf' }));
        masks++;
      }
    }
    expect(masks).toBe(63);
    expect(exact).toBe(290_938); // SPEC §1.2
    expect(half).toBe(313_037); // "> 127"
  });
});
