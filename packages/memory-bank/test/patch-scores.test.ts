import { describe, expect, it } from 'vitest';
import { patchScoresFromNeighbors } from '../src/patch-scores.js';

const result = {
  queryCount: 2,
  k: 3,
  distances: new Float32Array([1, 4, 10, 0, 2, 7]),
  neighborIndices: new Int32Array([0, 1, 2, 3, 4, 5]),
};

describe('patchScoresFromNeighbors', () => {
  it('returns the nearest squared distance when anomalyScoreNumNn = 1', () => {
    expect(Array.from(patchScoresFromNeighbors(result, 1))).toEqual([1, 0]);
  });

  it('returns the mean of the k smallest squared distances when anomalyScoreNumNn = 3', () => {
    expect(Array.from(patchScoresFromNeighbors(result, 3))).toEqual([5, 3]);
  });

  it('averages squared distances, not plain ones, when anomalyScoreNumNn = 2', () => {
    // sqrt would give (1 + 2) / 2 = 1.5; R's rule gives (1 + 4) / 2.
    expect(patchScoresFromNeighbors(result, 2)[0]).toBe(2.5);
  });

  it('defaults anomalyScoreNumNn to 1', () => {
    expect(Array.from(patchScoresFromNeighbors(result))).toEqual([1, 0]);
  });

  it.each([0, 4, 1.5])('throws RangeError when anomalyScoreNumNn = %d', (n) => {
    expect(() => patchScoresFromNeighbors(result, n)).toThrow(
      `anomalyScoreNumNn must be an integer in [1, 3], got ${n}`,
    );
  });
});
