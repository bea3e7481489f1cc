import { describe, expect, it } from 'vitest';
import { imageAuroc, rocCurve } from '../src/index.js';
import { seededRandom } from './reference.js';

function trapezoidArea(x: Float64Array, y: Float64Array): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return area;
}

describe('rocCurve', () => {
  it('gives one point per distinct score, starting at Infinity, when nothing is dropped', () => {
    const curve = rocCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], { dropIntermediate: false });
    expect([...curve.thresholds]).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect([...curve.fpr]).toEqual([0, 0, 0.5, 0.5, 1]);
    expect([...curve.tpr]).toEqual([0, 0.5, 0.5, 1, 1]);
  });

  it('moves diagonally when an anomalous and a nominal score tie', () => {
    const curve = rocCurve([0.5, 0.5, 0.9, 0.1], [0, 1, 1, 0], { dropIntermediate: false });
    expect([...curve.thresholds]).toEqual([Infinity, 0.9, 0.5, 0.1]);
    expect([...curve.fpr]).toEqual([0, 0, 0.5, 1]);
    expect([...curve.tpr]).toEqual([0, 0.5, 1, 1]);
  });

  it('drops collinear points and keeps the corners by default', () => {
    // descending: 0.9 (1), 0.8 (1), 0.7 (1), 0.2 (0), 0.1 (0): tpr rises on a straight line.
    const curve = rocCurve([0.9, 0.8, 0.7, 0.2, 0.1], [1, 1, 1, 0, 0]);
    expect([...curve.thresholds]).toEqual([Infinity, 0.7, 0.1]);
    expect([...curve.fpr]).toEqual([0, 0, 1]);
    expect([...curve.tpr]).toEqual([0, 1, 1]);
  });

  it('has an area equal to imageAuroc when scores are random and tied', () => {
    const random = seededRandom(3);
    const scores = Array.from({ length: 200 }, () => Math.floor(random() * 10));
    const labels = scores.map((s) => (random() < s / 12 ? 1 : 0));
    const curve = rocCurve(scores, labels);
    expect(trapezoidArea(curve.fpr, curve.tpr)).toBeCloseTo(imageAuroc(scores, labels), 12);
  });

  it('throws when only one label is present', () => {
    expect(() => rocCurve([1, 2], [1, 1])).toThrow(/needs both labels/);
  });
});
