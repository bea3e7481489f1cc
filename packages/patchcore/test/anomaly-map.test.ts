import type { CropGeometry } from '@patchcore/core';
import { describe, expect, it } from 'vitest';
import { anomalyMapAtOriginalSize, anomalyMapFromPatchScores } from '../src/index.js';
import { expectClose } from './helpers/close.js';

const GEOMETRY: CropGeometry = {
  originalWidth: 512,
  originalHeight: 512,
  resizedWidth: 256,
  resizedHeight: 256,
  cropLeft: 16,
  cropTop: 16,
  cropWidth: 224,
  cropHeight: 224,
};

describe('anomalyMapFromPatchScores', () => {
  it('keeps a constant patch-score grid constant at crop size', () => {
    const map = anomalyMapFromPatchScores(new Float32Array(28 * 28).fill(2), [28, 28], [224, 224]);
    expect(map.length).toBe(224 * 224);
    expectClose(map, new Float32Array(224 * 224).fill(2), 1e-5);
  });

  it('spreads a single hot patch symmetrically and conserves its mass', () => {
    const scores = new Float32Array(28 * 28);
    scores[14 * 28 + 14] = 64;
    const map = anomalyMapFromPatchScores(scores, [28, 28], [224, 224]);
    // Bilinear ×8 spreads one cell over 15×15 pixels with total mass 64·64; the blur keeps it.
    const mass = map.reduce((a, b) => a + b, 0);
    expect(mass).toBeCloseTo(64 * 64, 0);
    expect(map[116 * 224 + 116]).toBeCloseTo(map[115 * 224 + 115]!, 5);
  });
});

describe('anomalyMapAtOriginalSize', () => {
  it('fills pixels outside the centre crop and keeps a constant map inside it', () => {
    const prediction = { anomalyMap: new Float32Array(224 * 224).fill(5), geometry: GEOMETRY };
    const out = anomalyMapAtOriginalSize(prediction);
    expect([out.width, out.height]).toEqual([512, 512]);
    // Original pixel o is inside iff its centre (o + 0.5)/2 lies in [16, 240): o in [32, 480).
    expect(out.data[31 * 512 + 100]).toBe(0);
    expect(out.data[32 * 512 + 100]).toBe(5);
    expect(out.data[479 * 512 + 479]).toBe(5);
    expect(out.data[480 * 512 + 100]).toBe(0);
    expect(anomalyMapAtOriginalSize(prediction, -1).data[0]).toBe(-1);
  });

  it('samples the crop map bilinearly at the mapped position', () => {
    const ramp = new Float32Array(224 * 224);
    for (let y = 0; y < 224; y++) for (let x = 0; x < 224; x++) ramp[y * 224 + x] = x;
    const out = anomalyMapAtOriginalSize({ anomalyMap: ramp, geometry: GEOMETRY });
    for (const o of [32, 33, 100, 301, 478, 479]) {
      const expected = Math.min(Math.max((o + 0.5) / 2 - 16.5, 0), 223);
      expect(out.data[200 * 512 + o]).toBeCloseTo(expected, 5);
    }
  });

  it('handles a non-square original whose longer side was truncated', () => {
    const geometry: CropGeometry = {
      originalWidth: 801,
      originalHeight: 600,
      resizedWidth: 341,
      resizedHeight: 256,
      cropLeft: 58,
      cropTop: 16,
      cropWidth: 224,
      cropHeight: 224,
    };
    const out = anomalyMapAtOriginalSize({
      anomalyMap: new Float32Array(224 * 224).fill(1),
      geometry,
    });
    const inside = out.data.reduce((a, b) => a + b, 0);
    // Columns with centre·341/801 in [58, 282), rows with centre·256/600 in [16, 240).
    const cols = Array.from({ length: 801 }, (_, o) => ((o + 0.5) * 341) / 801).filter(
      (c) => c >= 58 && c < 282,
    ).length;
    const rows = Array.from({ length: 600 }, (_, o) => ((o + 0.5) * 256) / 600).filter(
      (c) => c >= 16 && c < 240,
    ).length;
    expect(inside).toBe(cols * rows);
  });
});
