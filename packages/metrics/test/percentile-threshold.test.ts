import { describe, expect, it } from 'vitest';
import { percentileThreshold } from '../src/index.js';

describe('percentileThreshold', () => {
  it.each([
    { percentile: 0, threshold: 1 },
    { percentile: 50, threshold: 3 },
    { percentile: 90, threshold: 4.6 },
    { percentile: 100, threshold: 5 },
  ])('returns $threshold for percentile $percentile of 1..5', ({ percentile, threshold }) => {
    expect(percentileThreshold([5, 3, 1, 4, 2], percentile)).toBeCloseTo(threshold, 12);
  });

  it('returns the single score when only one is given', () => {
    expect(percentileThreshold([0.7], 99)).toBe(0.7);
  });

  it('interpolates between tied scores without moving', () => {
    expect(percentileThreshold([2, 2, 2, 9], 50)).toBe(2);
  });

  it('throws naming the value when the percentile is outside [0, 100]', () => {
    expect(() => percentileThreshold([1, 2], 101)).toThrow(/got 101/);
    expect(() => percentileThreshold([1, 2], Number.NaN)).toThrow(/got NaN/);
  });

  it('throws when there is no score or a score is not finite', () => {
    expect(() => percentileThreshold([], 50)).toThrow(/at least one/);
    expect(() => percentileThreshold([1, Infinity], 50)).toThrow(/Infinity at index 1/);
  });
});
