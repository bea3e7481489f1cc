import { describe, expect, it } from 'vitest';
import { summarize } from '../src/stats.js';

describe('summarize', () => {
  it.each([
    { samples: [5], median: 5, min: 5, max: 5 },
    { samples: [3, 1, 2], median: 2, min: 1, max: 3 },
    { samples: [4, 1, 3, 2], median: 2.5, min: 1, max: 4 },
  ])('returns median, min and max when given $samples', ({ samples, median, min, max }) => {
    expect(summarize(samples)).toEqual({ median, min, max, runs: samples.length });
  });

  it('leaves its input unsorted when it sorts a copy', () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('throws a RangeError when there are no samples', () => {
    expect(() => summarize([])).toThrow(RangeError);
  });

  it('throws naming the value when a sample is not finite', () => {
    expect(() => summarize([1, Number.NaN])).toThrow(/got NaN/);
  });
});
