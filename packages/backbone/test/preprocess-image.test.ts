import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidFileError } from '@patchcore/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGENET_NORMALIZATION, decodeImage, preprocessImage } from '../src/index.js';

/** Encodes raw interleaved pixels with sharp. */
function encode(
  pixels: Uint8Array | Uint16Array,
  width: number,
  height: number,
  channels: 1 | 2 | 3 | 4,
) {
  return sharp(pixels, { raw: { width, height, channels } });
}

// 2×2 RGB: (10,20,30) (40,50,60) / (70,80,90) (100,110,120).
const RGB_2X2 = Uint8Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
const IDENTITY = { resize: 2, cropSize: [2, 2] } as const;
const planes = (data: Float32Array) => [...data].map((v) => Math.round(v * 255));

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'backbone-preprocess-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('preprocessImage', () => {
  it('returns R, G and B planes scaled by 1/255 when resize and crop change nothing', async () => {
    const png = await encode(RGB_2X2, 2, 2, 3).png().toBuffer();
    const { data } = await preprocessImage(png, IDENTITY);
    expect(planes(data)).toEqual([10, 40, 70, 100, 20, 50, 80, 110, 30, 60, 90, 120]);
    expect(data[0]).toBe(Math.fround(10 / 255));
  });

  it('applies (x / 255 − mean) / std in float32 when ImageNet normalisation is given', async () => {
    const png = await encode(RGB_2X2, 2, 2, 3).png().toBuffer();
    const { data } = await preprocessImage(png, {
      ...IDENTITY,
      normalization: IMAGENET_NORMALIZATION,
    });
    // R of pixel 0: (10/255 − 0.485) / 0.229 = −1.946656…; B of pixel 3: (120/255 − 0.406) / 0.225.
    expect(data[0]).toBeCloseTo(-1.9466565, 6);
    expect(data[11]).toBeCloseTo((120 / 255 - 0.406) / 0.225, 6);
    const f = Math.fround;
    expect(data[4]).toBe(f(f(f(20 / 255) - f(0.456)) / f(0.224)));
  });

  it('crops the centre columns when the resized image is wider than the crop', async () => {
    // 4×2 image, columns 0..3 hold grey 0, 50, 100, 150; resize 2 keeps 4×2; crop left = 1.
    const grey = Uint8Array.from([0, 50, 100, 150, 0, 50, 100, 150]);
    const png = await encode(grey, 4, 2, 1).png().toBuffer();
    const { data, geometry } = await preprocessImage(png, IDENTITY);
    expect(geometry.cropLeft).toBe(1);
    expect(planes(data)).toEqual([50, 100, 50, 100, 50, 100, 50, 100, 50, 100, 50, 100]);
  });

  it('resizes the shorter side with antialiased bilinear when the image is larger', async () => {
    // Row [0, 70, 140, 210] halved → [50, 160] (weights 3/7, 3/7, 1/7), see pillow-resize tests.
    const grey = Uint8Array.from([0, 70, 140, 210, 0, 70, 140, 210]);
    const png = await encode(grey, 4, 2, 1).png().toBuffer();
    const { data, geometry } = await preprocessImage(png, { resize: 1, cropSize: [1, 2] });
    expect([geometry.resizedWidth, geometry.resizedHeight]).toEqual([2, 1]);
    expect(planes(data)).toEqual([50, 160, 50, 160, 50, 160]);
  });

  it('copies grey into three equal channels when the PNG is 8-bit greyscale', async () => {
    const png = await encode(Uint8Array.from([5, 6, 7, 8]), 2, 2, 1)
      .png()
      .toBuffer();
    const { data } = await preprocessImage(png, IDENTITY);
    expect(planes(data)).toEqual([5, 6, 7, 8, 5, 6, 7, 8, 5, 6, 7, 8]);
  });

  it('drops alpha without compositing when the PNG is RGBA or grey+alpha', async () => {
    const rgba = Uint8Array.from([
      10, 20, 30, 0, 40, 50, 60, 255, 70, 80, 90, 128, 100, 110, 120, 1,
    ]);
    const { data } = await preprocessImage(await encode(rgba, 2, 2, 4).png().toBuffer(), IDENTITY);
    expect(planes(data)).toEqual([10, 40, 70, 100, 20, 50, 80, 110, 30, 60, 90, 120]);
    const greyAlpha = Uint8Array.from([9, 0, 19, 255, 29, 7, 39, 100]);
    const fromGa = await preprocessImage(
      await encode(greyAlpha, 2, 2, 2).png().toBuffer(),
      IDENTITY,
    );
    expect(planes(fromGa.data)).toEqual([9, 19, 29, 39, 9, 19, 29, 39, 9, 19, 29, 39]);
  });

  it('expands palette indices to their RGB entries when the PNG is mode P', async () => {
    const path = new URL('./fixtures/pillow/palette-4x2.png', import.meta.url).pathname;
    const { pixels } = await decodeImage(path, 'rgb');
    // Pillow's convert('RGB') of the same file, see fixtures/pillow/generate.py.
    expect([...pixels.subarray(0, 12)]).toEqual([10, 20, 30, 200, 100, 0, 0, 0, 255, 7, 8, 9]);
  });

  it('keeps the high byte of each sample when the PNG is 16-bit RGB or grey', async () => {
    const rgb16 = Uint16Array.from([
      0, 255, 256, 1000, 40000, 65535, 512, 768, 1024, 2560, 5120, 7680,
    ]);
    const png16 = await encode(rgb16, 2, 2, 3).toColourspace('rgb16').png().toBuffer();
    expect((await sharp(png16).metadata()).depth).toBe('ushort');
    const { data } = await preprocessImage(png16, IDENTITY);
    expect(planes(data)).toEqual([0, 3, 2, 10, 0, 156, 3, 20, 1, 255, 4, 30]);
    const grey16 = Uint16Array.from([256, 40000, 65535, 255]);
    const greyPng = await encode(grey16, 2, 2, 1).toColourspace('grey16').png().toBuffer();
    const grey = await preprocessImage(greyPng, IDENTITY);
    expect(planes(grey.data).slice(0, 4)).toEqual([1, 156, 255, 0]);
  });

  it('keeps the high byte in grey mode too when the PNG is 16-bit grey (masks)', async () => {
    // 4300 >> 8 = 16 and 0xff00 >> 8 = 255, where libvips's 16-bit → b-w gives 17 and 254.
    const grey16 = Uint16Array.from([4300, 0xff00, 65535, 255]);
    const png = await encode(grey16, 2, 2, 1).toColourspace('grey16').png().toBuffer();
    const { pixels, channels } = await decodeImage(png, 'grey');
    expect(channels).toBe(1);
    expect([...pixels]).toEqual([16, 255, 255, 0]);
  });

  it('applies the EXIF orientation when a JPEG says it is rotated', async () => {
    // Stored 4 wide × 2 high; orientation 6 means "rotate 90° clockwise to display".
    const grey = new Uint8Array(8).fill(128);
    const jpeg = await encode(grey, 4, 2, 1).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const decoded = await decodeImage(jpeg, 'rgb');
    expect([decoded.width, decoded.height]).toEqual([2, 4]);
    const { geometry } = await preprocessImage(jpeg, IDENTITY);
    expect([geometry.originalWidth, geometry.originalHeight]).toEqual([2, 4]);
  });

  it.each(['tiff', 'webp'] as const)(
    'decodes %s losslessly when the file is RGB',
    async (format) => {
      const pipeline = encode(RGB_2X2, 2, 2, 3);
      const bytes =
        format === 'tiff'
          ? await pipeline.tiff({ compression: 'lzw' }).toBuffer()
          : await pipeline.webp({ lossless: true }).toBuffer();
      const { data } = await preprocessImage(bytes, IDENTITY);
      expect(planes(data)).toEqual([10, 40, 70, 100, 20, 50, 80, 110, 30, 60, 90, 120]);
    },
  );

  it('throws InvalidFileError naming the file when it is empty, truncated, corrupt or missing', async () => {
    const png = await encode(new Uint8Array(64 * 64 * 3).fill(7), 64, 64, 3)
      .png()
      .toBuffer();
    const cases: Record<string, Uint8Array> = {
      'empty.png': new Uint8Array(0),
      'truncated.png': png.subarray(0, png.length >> 1),
      'text.png': new TextEncoder().encode('not an image at all'),
      'noise.jpg': Uint8Array.from({ length: 500 }, (_, i) => (i * 37) % 256),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const path = join(folder, name);
      await writeFile(path, bytes);
      const error = await preprocessImage(path).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(InvalidFileError);
      expect((error as InvalidFileError).message).toContain(path);
    }
    await expect(preprocessImage(join(folder, 'missing.png'))).rejects.toThrow(/missing\.png/);
    await expect(preprocessImage(new Uint8Array(3), { name: 'upload-7' })).rejects.toThrow(
      /upload-7/,
    );
  });
});
