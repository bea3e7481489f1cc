import { describe, expect, it } from 'vitest';
import { f1OptimalThreshold, pixelF1OptimalThreshold } from '../src/index.js';
import { seededRandom } from './reference.js';

/** F1 at every candidate threshold (score ≥ t), ascending; the first maximum wins. */
function bruteForceF1(scores: readonly number[], labels: readonly number[]) {
  const positives = labels.filter((l) => l === 1).length;
  let best = { threshold: Number.NaN, f1: -1 };
  for (const t of [...new Set(scores)].sort((a, b) => a - b)) {
    let tp = 0;
    let fp = 0;
    scores.forEach((s, i) => {
      if (s >= t && labels[i] === 1) tp++;
      if (s >= t && labels[i] === 0) fp++;
    });
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp / positives;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (f1 > best.f1 + 1e-12) best = { threshold: t, f1 };
  }
  return best;
}

describe('f1OptimalThreshold', () => {
  it('finds the hand-computed threshold and counts when one pair is swapped', () => {
    // thresholds 0.8: F1 2/3; 0.4: 1/2; 0.35: 4/5; 0.1: 2/3.
    const result = f1OptimalThreshold([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 'validation');
    expect(result).toMatchObject({
      threshold: 0.35,
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 0,
      trueNegatives: 1,
      source: 'validation',
      oracle: false,
    });
    expect(result.f1).toBeCloseTo(0.8, 12);
    expect(result.precision).toBeCloseTo(2 / 3, 12);
    expect(result.recall).toBe(1);
  });

  it('takes the lowest threshold when two thresholds reach the same F1', () => {
    // positives = 2. t = 0.9: TP 1, FP 0 -> 2/(1+0+2) = 2/3; 0.8: 2/4; 0.7: 2/5;
    // 0.2: TP 2, FP 2 -> 4/6 = 2/3 again; 0.1: 4/7. The lower of the two maxima wins.
    const result = f1OptimalThreshold([0.9, 0.8, 0.7, 0.2, 0.1], [1, 0, 0, 1, 0], 'test');
    expect(result.threshold).toBe(0.2);
    expect(result.f1).toBeCloseTo(2 / 3, 12);
    expect(result.oracle).toBe(true);
  });

  it('counts tied scores together on the predicted side (score ≥ threshold)', () => {
    // 0.5 is shared by an anomalous and a nominal item; best is t = 0.5: TP 2, FP 1 -> 0.8.
    const result = f1OptimalThreshold([0.5, 0.5, 0.9, 0.1], [0, 1, 1, 0], 'validation');
    expect(result).toMatchObject({ threshold: 0.5, truePositives: 2, falsePositives: 1 });
  });

  it('matches a brute-force search on random tied scores', () => {
    const random = seededRandom(9);
    for (let trial = 0; trial < 20; trial++) {
      const scores = Array.from({ length: 40 }, () => Math.floor(random() * 8));
      const labels = scores.map((s) => (random() < 0.15 + s / 10 ? 1 : 0));
      if (!labels.includes(1)) continue;
      const expected = bruteForceF1(scores, labels);
      const result = f1OptimalThreshold(scores, labels, 'validation');
      expect(result.threshold).toBe(expected.threshold);
      expect(result.f1).toBeCloseTo(expected.f1, 12);
    }
  });

  it('throws when no item is anomalous', () => {
    expect(() => f1OptimalThreshold([0.1, 0.2], [0, 0], 'validation')).toThrow(/got 0 of 2/);
  });

  it('throws naming the value when the source is unknown', () => {
    expect(() => f1OptimalThreshold([0.1], [1], 'train' as 'test')).toThrow(/got 'train'/);
  });
});

describe('pixelF1OptimalThreshold', () => {
  it('thresholds the pooled pixels when maps and masks are given', () => {
    const maps = [
      { data: [0.1, 0.4], width: 2, height: 1 },
      { data: [0.35, 0.8], width: 2, height: 1 },
    ];
    const masks = [
      { data: [0, 0], width: 2, height: 1 },
      { data: [1, 1], width: 2, height: 1 },
    ];
    const result = pixelF1OptimalThreshold(maps, masks, 'test');
    expect(result).toMatchObject({ threshold: 0.35, truePositives: 2, oracle: true });
  });
});
