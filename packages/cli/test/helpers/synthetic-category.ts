import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

/** Writes a grey PNG with an optional bright square (the "defect"). */
async function writeImage(
  path: string,
  size: number,
  grey: number,
  square?: number,
): Promise<void> {
  const data = Buffer.alloc(size * size * 3, grey);
  if (square !== undefined) {
    for (let y = square; y < square + size / 4; y++) {
      for (let x = square; x < square + size / 4; x++)
        data.fill(250, (y * size + x) * 3, (y * size + x) * 3 + 3);
    }
  }
  await sharp(data, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toFile(path);
}

async function writeMask(path: string, size: number, square: number): Promise<void> {
  const data = Buffer.alloc(size * size, 0);
  for (let y = square; y < square + size / 4; y++)
    data.fill(255, y * size + square, y * size + square + size / 4);
  await sharp(data, { raw: { width: size, height: size, channels: 1 } })
    .png()
    .toFile(path);
}

/**
 * Creates a tiny MVTec-layout category in a temporary folder: 4 nominal training images,
 * 3 nominal and 3 defective test images (bright square) with masks.
 */
export async function createSyntheticCategory(size = 48): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'patchcore-cli-'));
  const category = join(root, 'widget');
  for (const dir of ['train/good', 'test/good', 'test/spot', 'ground_truth/spot']) {
    await mkdir(join(category, dir), { recursive: true });
  }
  for (let i = 0; i < 4; i++)
    await writeImage(join(category, `train/good/00${i}.png`), size, 100 + i);
  for (let i = 0; i < 3; i++) {
    await writeImage(join(category, `test/good/00${i}.png`), size, 101 + i);
    await writeImage(join(category, `test/spot/00${i}.png`), size, 101, 4 + i * 8);
    await writeMask(join(category, `ground_truth/spot/00${i}_mask.png`), size, 4 + i * 8);
  }
  return category;
}
