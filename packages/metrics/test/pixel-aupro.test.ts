import { describe, expect, it } from 'vitest';
import { pixelAupro } from '../src/index.js';
import type { PixelGrid } from '../src/index.js';
import { bruteForceAupro, seededRandom } from './reference.js';

function grid(values: readonly number[], width: number): PixelGrid {
  return { data: values, width, height: values.length / width };
}

describe('pixelAupro', () => {
  it('integrates the hand-computed curve when one region sits among four nominal pixels', () => {
    // region {0.9, 0.5}; nominal 0.8, 0.1, 0.2, 0.3. Curve (FPR, PRO): (0, 0.5) to (0.25, 0.5),
    // up to (0.25, 1), on at PRO 1: area 0.125 + 0.05 = 0.175, divided by 0.3.
    const result = pixelAupro(
      [grid([0.9, 0.5, 0.8, 0.1, 0.2, 0.3], 3)],
      [grid([1, 1, 0, 0, 0, 0], 3)],
    );
    expect(result.aupro).toBeCloseTo(0.175 / 0.3, 12);
    expect(result).toMatchObject({
      variant: 'full',
      fprLimit: 0.3,
      regionCount: 1,
      negativeCount: 4,
    });
  });

  it('interpolates along the sloped segment when a region pixel ties a nominal pixel', () => {
    // (0, 0) to (1/3, 1) in one step: PRO at FPR 0.3 is 0.9; area 0.3 · 0.9 / 2 = 0.135.
    const result = pixelAupro([grid([0.5, 0.5, 0.2, 0.1], 4)], [grid([1, 0, 0, 0], 4)]);
    expect(result.aupro).toBeCloseTo(0.135 / 0.3, 12);
  });

  it('weighs every region the same whatever its size', () => {
    // regions A = {0.9} (1 px) and B = {0.7, 0.1} (2 px); nominal 0, 0.2, 0.3.
    // PRO is 0.75 from FPR 0 to 2/3, then 1: area to 1 is 0.5 + 1/3; to 0.3 it is 0.225.
    const maps = [grid([0.9, 0, 0.7, 0.1, 0.2, 0.3], 6)];
    const masks = [grid([1, 0, 1, 1, 0, 0], 6)];
    expect(pixelAupro(maps, masks, { fprLimit: 1 }).aupro).toBeCloseTo(5 / 6, 12);
    expect(pixelAupro(maps, masks).aupro).toBeCloseTo(0.75, 12);
    expect(pixelAupro(maps, masks).regionCount).toBe(2);
  });

  it('joins diagonal neighbours into one region (8-connectivity)', () => {
    // 1 0 0 / 0 1 1 / 0 0 0: one region of 3 pixels, only the 0.9 one above every nominal
    // score, so PRO is 1/3 throughout (4-connectivity would give two regions and 0.5).
    const maps = [grid([0.9, 0.5, 0.52, 0.54, 0.05, 0.05, 0.56, 0.58, 0.6], 3)];
    const masks = [grid([1, 0, 0, 0, 1, 1, 0, 0, 0], 3)];
    expect(pixelAupro(maps, masks).aupro).toBeCloseTo(1 / 3, 12);
  });

  it('takes negatives from nominal images only in the full variant', () => {
    const defective = grid([0.9, 0.5, 0.8, 0.1, 0.2, 0.3], 3);
    const nominal = grid([0.95, 0.95, 0.95, 0, 0, 0], 3);
    const masks = [grid([1, 1, 0, 0, 0, 0], 3), grid([0, 0, 0, 0, 0, 0], 3)];
    const full = pixelAupro([defective, nominal], masks, { variant: 'full' });
    const anomalous = pixelAupro([defective, nominal], masks, { variant: 'anomalous' });
    expect(anomalous.aupro).toBeCloseTo(0.175 / 0.3, 12);
    expect(anomalous).toMatchObject({ variant: 'anomalous', negativeCount: 4 });
    expect(full).toMatchObject({ variant: 'full', negativeCount: 10 });
    // full, by hand: the three nominal 0.95 pixels outrank every region pixel and already
    // make FPR 3 / 10 = 0.3, so PRO is still 0 at the limit.
    expect(full.aupro).toBe(0);
  });

  it('matches a brute-force evaluation on random tied maps', () => {
    const random = seededRandom(5);
    const width = 7;
    // Two 7×6 images; regions drawn as rectangles so their ids are known without labelling.
    const images = [0, 1].map((image) => {
      const scores: number[] = [];
      const regions: number[] = [];
      for (let y = 0; y < 6; y++) {
        for (let x = 0; x < width; x++) {
          const inA = x < 2 && y < 3;
          const inB = x >= 4 && y >= 3 && image === 1;
          regions.push(inA ? 1 + image * 2 : inB ? 2 + image * 2 : 0);
          scores.push(Math.round((random() + (inA || inB ? 0.4 : 0)) * 10) / 10);
        }
      }
      return { scores, regions };
    });
    const maps = images.map((i) => grid(i.scores, width));
    const masks = images.map((i) =>
      grid(
        i.regions.map((r) => (r > 0 ? 1 : 0)),
        width,
      ),
    );
    const expected = bruteForceAupro(
      images.flatMap((i) => i.scores),
      images.flatMap((i) => i.regions),
      0.3,
    );
    expect(pixelAupro(maps, masks).aupro).toBeCloseTo(expected, 12);
    expect(
      pixelAupro(
        maps.map((m) => ({ ...m, data: Float32Array.from(m.data) })),
        masks,
      ).aupro,
    ).toBeCloseTo(expected, 6);
  });

  it('throws naming the value when fprLimit is outside (0, 1]', () => {
    const maps = [grid([0.9, 0.1], 2)];
    const masks = [grid([1, 0], 2)];
    expect(() => pixelAupro(maps, masks, { fprLimit: 0 })).toThrow(/fprLimit .* got 0/);
    expect(() => pixelAupro(maps, masks, { fprLimit: 1.5 })).toThrow(/got 1.5/);
  });

  it('throws when the masks hold no defect region or no nominal pixel', () => {
    expect(() => pixelAupro([grid([0.9, 0.1], 2)], [grid([0, 0], 2)])).toThrow(/defect regions/);
    expect(() => pixelAupro([grid([0.9, 0.1], 2)], [grid([1, 1], 2)])).toThrow(/nominal pixels/);
  });
});
