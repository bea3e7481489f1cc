import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImage, resizeBilinearPillow } from '../src/index.js';

const data = new URL('../../../../shared/data/', import.meta.url).pathname;
const hasBottle = existsSync(`${data}bottle_fullres`) && existsSync(`${data}bottle`);

describe('resizeBilinearPillow', () => {
  it('averages three taps with weights 3/7, 3/7, 1/7 when halving a row of 4', () => {
    // scale 2, support 2: output 0 has centre 1 and taps 0..2 with raw weights 0.75, 0.75, 0.25.
    const row = Uint8Array.from([0, 70, 140, 210]);
    expect([...resizeBilinearPillow(row, 4, 1, 1, 2, 1)]).toEqual([50, 160]);
  });

  it('interpolates 1/4 and 3/4 without antialiasing when upscaling 2 to 4', () => {
    const row = Uint8Array.from([0, 100]);
    expect([...resizeBilinearPillow(row, 2, 1, 1, 4, 1)]).toEqual([0, 25, 75, 100]);
  });

  it('rounds the horizontal pass to 8 bits before the vertical pass when both axes shrink', () => {
    // Row 0 [10, 13, 2, 0] → (3·10 + 3·13 + 2) / 7 = 10.14 → 10; row 1 [0, 1, 1, 0] → 4/7 → 1.
    // The vertical pass then gives (10 + 1) / 2 = 5.5 → 6; without the 8-bit rounding in
    // between it would be (10.14 + 0.57) / 2 = 5.36 → 5.
    const image = Uint8Array.from([10, 13, 2, 0, 0, 1, 1, 0]);
    expect([...resizeBilinearPillow(image, 4, 2, 1, 2, 2)]).toEqual([10, 3, 1, 1]);
    expect([...resizeBilinearPillow(image, 4, 2, 1, 2, 1)]).toEqual([6, 2]);
  });

  it('keeps channels apart when the image is interleaved RGB', () => {
    const image = Uint8Array.from([0, 255, 10, 70, 255, 20, 140, 255, 30, 210, 255, 40]);
    expect([...resizeBilinearPillow(image, 4, 1, 3, 2, 1)]).toEqual([50, 255, 17, 160, 255, 33]);
  });

  it('smooths a one-pixel checkerboard to a flat grey when shrinking 900 to 256', () => {
    const size = 900;
    const board = new Uint8Array(size * size).map((_, i) =>
      (Math.floor(i / size) + (i % size)) % 2 === 0 ? 0 : 255,
    );
    const out = resizeBilinearPillow(board, size, size, 1, 256, 256);
    const mean = out.reduce((s, v) => s + v, 0) / out.length;
    const sd = Math.sqrt(out.reduce((s, v) => s + (v - mean) ** 2, 0) / out.length);
    expect(sd).toBeLessThan(2); // a non-antialiased bilinear gives about 42 (SPEC §1.1)
  });

  it('throws RangeError naming the parameter when a size is not a positive integer', () => {
    expect(() => resizeBilinearPillow(new Uint8Array(4), 2, 2, 1, 0, 2)).toThrow(/outWidth/);
    expect(() => resizeBilinearPillow(new Uint8Array(3), 2, 2, 1, 1, 1)).toThrow(/3 bytes/);
  });
});

describe('resizeBilinearPillow against Pillow 9.4 fixtures (test/fixtures/pillow)', () => {
  const fixtures = new URL('./fixtures/pillow/', import.meta.url).pathname;
  it.each([
    ['rgb-13x7', 5, 'rgb'],
    ['rgb-6x4', 9, 'rgb'],
    ['l-31x17', 10, 'grey'],
    ['rgb-17x31', 20, 'rgb'],
    ['rgb-40x25', 16, 'rgb'],
  ] as const)(
    'matches Pillow bit for bit when %s noise is resized to shorter side %d',
    async (name, size, mode) => {
      const original = await decodeImage(`${fixtures}${name}.png`, mode);
      const pillow = await decodeImage(`${fixtures}${name}-resized-${size}.png`, mode);
      const ours = resizeBilinearPillow(
        original.pixels,
        original.width,
        original.height,
        original.channels,
        pillow.width,
        pillow.height,
      );
      expect(Math.min(pillow.width, pillow.height)).toBe(size);
      expect([...ours]).toEqual([...pillow.pixels]);
    },
  );
});

describe.skipIf(!hasBottle)('resizeBilinearPillow on MVTec bottle (needs shared/data)', () => {
  it.each([
    ['test/good/000.png', 'rgb'],
    ['test/broken_large/000.png', 'rgb'],
    ['ground_truth/broken_large/000_mask.png', 'grey'],
    ['ground_truth/contamination/000_mask.png', 'grey'],
  ] as const)(
    'reproduces Pillow 9.4 bit for bit when resizing %s 900 to 256',
    async (file, mode) => {
      const original = await decodeImage(`${data}bottle_fullres/${file}`, mode);
      const pillow = await decodeImage(`${data}bottle/${file}`, mode);
      const ours = resizeBilinearPillow(
        original.pixels,
        original.width,
        original.height,
        original.channels,
        256,
        256,
      );
      expect(Buffer.compare(Buffer.from(ours), Buffer.from(pillow.pixels))).toBe(0);
    },
  );
});
