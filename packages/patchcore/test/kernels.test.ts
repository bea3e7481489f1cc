import { describe, expect, it } from 'vitest';
import { adaptivePoolBins } from '../src/kernels/adaptive-pool-bins.js';
import { bilinearAxis, resizeBilinear } from '../src/kernels/bilinear-resize.js';
import { gaussianBlur, gaussianKernel, reflectIndex } from '../src/kernels/gaussian-blur.js';
import { expectClose } from './helpers/close.js';

describe('adaptivePoolBins', () => {
  it('gives bins of 2 and 3 sharing elements when pooling 1728 to 1024', () => {
    const bins = adaptivePoolBins(1728, 1024);
    const sizes = new Set(Array.from(bins.starts, (s, i) => bins.ends[i]! - s));
    expect([...sizes].sort()).toEqual([2, 3]);
    expect(bins.starts[0]).toBe(0);
    expect(bins.ends[1023]).toBe(1728);
  });

  it('splits channel c of a 512×9 vector into [9c, 9c+5) and [9c+4, 9c+9)', () => {
    const bins = adaptivePoolBins(4608, 1024);
    for (const c of [0, 1, 200, 511]) {
      expect([bins.starts[2 * c], bins.ends[2 * c]]).toEqual([9 * c, 9 * c + 5]);
      expect([bins.starts[2 * c + 1], bins.ends[2 * c + 1]]).toEqual([9 * c + 4, 9 * c + 9]);
    }
  });

  it('repeats elements when the output is longer than the input', () => {
    const bins = adaptivePoolBins(2, 5);
    expect(Array.from(bins.starts)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(bins.ends)).toEqual([1, 1, 2, 2, 2]);
  });

  it('throws RangeError naming the length when it is not a positive integer', () => {
    expect(() => adaptivePoolBins(0, 4)).toThrow(/inputLength must be a positive integer, got 0/);
    expect(() => adaptivePoolBins(4, 1.5)).toThrow(RangeError);
  });
});

describe('resizeBilinear', () => {
  it('uses src = o/2 − 0.25 clamped at 0 when doubling 14 to 28', () => {
    const axis = bilinearAxis(14, 28);
    expect([axis.lower[0], axis.upper[0], axis.lambda[0]]).toEqual([0, 1, 0]);
    expect([axis.lower[1], axis.upper[1], axis.lambda[1]]).toEqual([0, 1, 0.25]);
    expect([axis.lower[2], axis.upper[2], axis.lambda[2]]).toEqual([0, 1, 0.75]);
    expect([axis.lower[27], axis.upper[27]]).toEqual([13, 13]);
  });

  it('interpolates a 2×2 map to 4×4 like align_corners=false', () => {
    const out = resizeBilinear([0, 1, 2, 3], 1, 2, 2, 4, 4);
    expectClose(
      out,
      [0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3],
      1e-7,
    );
  });

  it('keeps a constant map constant when shrinking', () => {
    const out = resizeBilinear(new Float32Array(2 * 6 * 6).fill(2.5), 2, 6, 6, 3, 3);
    expectClose(out, new Float32Array(18).fill(2.5), 0);
  });
});

describe('gaussianBlur', () => {
  it('uses 33 taps summing to 1 for sigma 4', () => {
    const weights = gaussianKernel(4);
    expect(weights.length).toBe(33);
    expect(weights.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(weights[16]! / weights[0]!).toBeCloseTo(Math.exp(256 / 32), 6);
  });

  it('reflects indices with the edge sample repeated, also past one period', () => {
    expect([-3, -2, -1, 0, 4, 5, 6, 7].map((i) => reflectIndex(i, 5))).toEqual([
      2, 1, 0, 0, 4, 4, 3, 2,
    ]);
    expect(reflectIndex(-11, 5)).toBe(reflectIndex(-1, 5));
  });

  it('matches scipy.ndimage.gaussian_filter(sigma=4) on a 6×5 map (radius beyond the map)', () => {
    const input = new Float32Array([
      0, 2.5, 5, 7.5, -1, 7, 9.5, 1, 3.5, 6, 3, 5.5, 8, 40, 2, 10, 1.5, 4, 6.5, -2, 6, 8.5, 0, 2.5,
      5, 2, 4.5, 7, -1.5, 1,
    ]);
    // Computed with SciPy 1.17.1 on float32 input.
    const expected = [
      5.247333526611328, 5.249776840209961, 5.253650188446045, 5.25738525390625, 5.2597832679748535,
      5.221959590911865, 5.223606109619141, 5.226191997528076, 5.228641986846924, 5.230243682861328,
      5.17763090133667, 5.177892208099365, 5.178239345550537, 5.1784563064575195, 5.17867374420166,
      5.126150131225586, 5.124810695648193, 5.122572898864746, 5.12021017074585, 5.118829250335693,
      5.081140995025635, 5.078410625457764, 5.073924541473389, 5.069318771362305, 5.066547870635986,
      5.055093288421631, 5.051560878753662, 5.045778751373291, 5.03987979888916, 5.0363078117370605,
    ];
    expectClose(gaussianBlur(input, 6, 5), expected, 2e-6);
  });

  it('matches scipy on impulses near the border of a 40×36 map', () => {
    const input = new Float32Array(40 * 36);
    input[3 * 36 + 30] = 100;
    input[20 * 36 + 10] = 50;
    const out = gaussianBlur(input, 40, 36);
    const at = [
      [0, 0],
      [3, 30],
      [0, 35],
      [20, 10],
      [39, 35],
      [10, 20],
    ].map(([y, x]) => out[y! * 36 + x!]!);
    expectClose(
      at,
      [0, 1.2375062704086304, 1.059701681137085, 0.4973944127559662, 0, 0.010508318431675434],
      1e-6,
    );
  });
});
