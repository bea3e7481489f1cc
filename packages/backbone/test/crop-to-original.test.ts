import { describe, expect, it } from 'vitest';
import {
  computeCropGeometry,
  cropMapToOriginal,
  cropPointToOriginal,
  cropRegionInOriginal,
} from '../src/index.js';

describe('cropRegionInOriginal', () => {
  it('gives the 787.5 px centre square when 900 is resized to 256 and cropped to 224', () => {
    const region = cropRegionInOriginal(computeCropGeometry(900, 900, 256, [224, 224]));
    expect(region).toEqual({ left: 56.25, top: 56.25, width: 787.5, height: 787.5 });
  });
});

describe('cropPointToOriginal', () => {
  it('maps crop pixel centres through the crop offset and the resize scale', () => {
    const geometry = computeCropGeometry(512, 512, 256, [224, 224]);
    // Crop (0, 0) is resized (16, 16), whose centre 16.5 is original 33, i.e. index 32.5.
    expect(cropPointToOriginal(geometry, 0, 0)).toEqual({ x: 32.5, y: 32.5 });
    expect(cropPointToOriginal(geometry, 223, 0).x).toBe((223 + 16 + 0.5) * 2 - 0.5);
  });
});

describe('cropMapToOriginal', () => {
  it('fills outside the crop and samples inside when a map is put back at double size', () => {
    const geometry = computeCropGeometry(8, 8, 4, [2, 2]); // crop = resized [1, 3) on both axes
    const map = Float32Array.from([0, 1, 2, 3]);
    const out = cropMapToOriginal(map, geometry, -1);
    const row = (y: number) => [...out.subarray(y * 8, y * 8 + 8)];
    expect(row(0)).toEqual([-1, -1, -1, -1, -1, -1, -1, -1]);
    // Original columns 2..5 fall in the crop; column 2 is crop x = −0.25 (clamped to 0),
    // column 3 is 0.25, column 4 is 0.75, column 5 is 1.25 (clamped to 1).
    expect(row(2)).toEqual([-1, -1, 0, 0.25, 0.75, 1, -1, -1]);
    expect(row(5)).toEqual([-1, -1, 2, 2.25, 2.75, 3, -1, -1]);
  });

  it('keeps exactly the rows whose centre lies in the crop when 600 rows become 256 and 224', () => {
    // Resized rows [16, 240) are original [37.5, 562.5): rows 37..561, 525 of them; row 562's
    // centre is on the far edge, so it stays outside.
    const geometry = computeCropGeometry(801, 600, 256, [224, 224]);
    const out = cropMapToOriginal(new Float32Array(224 * 224).fill(1), geometry, 0);
    const rowCovered = (y: number) => out.subarray(y * 801, (y + 1) * 801).some((v) => v === 1);
    expect([36, 37, 561, 562].map(rowCovered)).toEqual([false, true, true, false]);
  });

  it('throws ShapeMismatchError when the map is not crop-sized', () => {
    const geometry = computeCropGeometry(8, 8, 4, [2, 2]);
    expect(() => cropMapToOriginal(new Float32Array(3), geometry)).toThrow(/crop-sized map/);
  });
});
