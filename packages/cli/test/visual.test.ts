import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShapeMismatchError } from '@patchcore/core';
import { heatColor } from '../src/visual/colormap.js';
import {
  MASK_OUTLINE_COLOR,
  PREDICTED_OUTLINE_COLOR,
  composeOverlay,
} from '../src/visual/compose-overlay.js';
import { computeDisplayRange, normalizeForDisplay } from '../src/visual/display-range.js';
import { regionOutline } from '../src/visual/outline.js';
import { renderOverlayPng } from '../src/visual/render-overlay.js';

describe('heatColor', () => {
  it('runs from dark blue to dark red when the value goes from 0 to 1', () => {
    expect(heatColor(0)).toEqual([0, 0, 128]);
    expect(heatColor(1)).toEqual([128, 0, 0]);
    expect(heatColor(0.5)[1]).toBe(255);
  });

  it('clamps when the value is outside [0, 1] or NaN', () => {
    expect(heatColor(-3)).toEqual(heatColor(0));
    expect(heatColor(7)).toEqual(heatColor(1));
    expect(heatColor(Number.NaN)).toEqual(heatColor(0));
  });
});

describe('display range', () => {
  it('takes one min and max over every map', () => {
    const range = computeDisplayRange([Float32Array.of(1, 5), Float32Array.of(-2, 3)]);
    expect(range).toEqual({ min: -2, max: 5 });
    expect(normalizeForDisplay(1.5, range)).toBeCloseTo(0.5);
  });

  it('maps every value to 0 when the set is constant', () => {
    const range = computeDisplayRange([Float32Array.of(4, 4)]);
    expect(normalizeForDisplay(4, range)).toBe(0);
  });
});

describe('regionOutline', () => {
  it('marks only the border of a filled square', () => {
    const region = new Uint8Array(25);
    for (let y = 1; y < 4; y++) for (let x = 1; x < 4; x++) region[y * 5 + x] = 1;
    const outline = regionOutline(region, 5, 5);
    expect(outline[2 * 5 + 2]).toBe(0);
    expect(outline[1 * 5 + 1]).toBe(1);
    expect(outline[1 * 5 + 2]).toBe(1);
    expect(Array.from(outline).reduce((a, b) => a + b, 0)).toBe(8);
  });

  it('throws when the region length is not width times height', () => {
    expect(() => regionOutline(new Uint8Array(3), 2, 2)).toThrow(RangeError);
  });
});

describe('composeOverlay', () => {
  const width = 6;
  const height = 6;
  const rgb = new Uint8Array(width * height * 3).fill(100);
  const anomalyMap = new Float32Array(width * height);
  for (let y = 2; y < 5; y++) for (let x = 2; x < 5; x++) anomalyMap[y * width + x] = 1;

  it('blends the colormap over the image when no threshold or mask is set', () => {
    const out = composeOverlay({ rgb, width, height, anomalyMap, range: { min: 0, max: 1 } });
    const hot = (3 * width + 3) * 3;
    expect([out[hot], out[hot + 1], out[hot + 2]]).toEqual([114, 50, 50]);
    expect([out[0], out[1], out[2]]).toEqual([50, 50, 114]);
  });

  it('outlines the predicted region in white and the mask in green when both are given', () => {
    const mask = new Uint8Array(width * height);
    mask[0] = 1;
    const out = composeOverlay({
      rgb,
      width,
      height,
      anomalyMap,
      range: { min: 0, max: 1 },
      threshold: 0.5,
      mask,
    });
    expect(Array.from(out.subarray(0, 3))).toEqual([...MASK_OUTLINE_COLOR]);
    const corner = (2 * width + 2) * 3;
    expect(Array.from(out.subarray(corner, corner + 3))).toEqual([...PREDICTED_OUTLINE_COLOR]);
  });

  it('throws ShapeMismatchError when the map does not match the image', () => {
    expect(() =>
      composeOverlay({
        rgb,
        width,
        height,
        anomalyMap: new Float32Array(3),
        range: { min: 0, max: 1 },
      }),
    ).toThrow(ShapeMismatchError);
  });
});

describe('renderOverlayPng', () => {
  it('writes a PNG at the original size when given a map of that size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'patchcore-overlay-'));
    const imagePath = join(dir, 'in.png');
    await sharp({ create: { width: 30, height: 20, channels: 3, background: '#808080' } })
      .png()
      .toFile(imagePath);
    const png = await renderOverlayPng({
      imagePath,
      anomalyMap: { data: new Float32Array(600), width: 30, height: 20 },
      range: { min: 0, max: 1 },
      threshold: 0.5,
    });
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 30, 20]);
  });

  it('throws ShapeMismatchError when the map has another size than the image', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'patchcore-overlay-'));
    const imagePath = join(dir, 'in.png');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toFile(imagePath);
    await expect(
      renderOverlayPng({
        imagePath,
        anomalyMap: { data: new Float32Array(16), width: 4, height: 4 },
        range: { min: 0, max: 1 },
      }),
    ).rejects.toThrow(ShapeMismatchError);
  });
});
