import { describe, expect, it } from 'vitest';
import { computeCropGeometry, roundHalfToEven } from '../src/index.js';

describe('roundHalfToEven', () => {
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [58.5, 58],
    [16, 16],
    [2.4, 2],
    [2.6, 3],
  ])('rounds %d to %d when the fraction is a tie or not', (value, expected) => {
    expect(roundHalfToEven(value)).toBe(expected);
  });
});

describe('computeCropGeometry', () => {
  it('resizes the shorter side and truncates the longer when the image is not square', () => {
    const landscape = computeCropGeometry(801, 600, 256, [224, 224]);
    expect([landscape.resizedWidth, landscape.resizedHeight]).toEqual([341, 256]);
    const portrait = computeCropGeometry(800, 1000, 256, [224, 224]);
    expect([portrait.resizedWidth, portrait.resizedHeight]).toEqual([256, 320]);
  });

  it('centres the crop at offset 16 when 256 is cropped to 224', () => {
    const geometry = computeCropGeometry(900, 900, 256, [224, 224]);
    expect(geometry).toEqual({
      originalWidth: 900,
      originalHeight: 900,
      resizedWidth: 256,
      resizedHeight: 256,
      cropLeft: 16,
      cropTop: 16,
      cropWidth: 224,
      cropHeight: 224,
    });
  });

  it('rounds a half-pixel offset to even when the margin is odd', () => {
    // 341 − 224 = 117, half is 58.5 → 58 (torchvision uses Python's round).
    expect(computeCropGeometry(801, 600, 256, [224, 224]).cropLeft).toBe(58);
    // 257 − 224 = 33 → 16.5 → 16; 259 − 224 = 35 → 17.5 → 18.
    expect(computeCropGeometry(257, 257, 257, [224, 224]).cropTop).toBe(16);
    expect(computeCropGeometry(259, 259, 259, [224, 224]).cropTop).toBe(18);
  });

  it('allows a non-square crop when cropSize is [height, width]', () => {
    const geometry = computeCropGeometry(1000, 800, 256, [200, 300]);
    expect([geometry.cropHeight, geometry.cropWidth, geometry.cropTop, geometry.cropLeft]).toEqual([
      200, 300, 28, 10,
    ]);
  });

  it('throws RangeError naming the sizes when the crop is larger than the resized image', () => {
    expect(() => computeCropGeometry(900, 900, 200, [224, 224])).toThrow(/cropSize \[224, 224\]/);
    expect(() => computeCropGeometry(900, 0, 256, [224, 224])).toThrow(/originalHeight/);
  });
});
