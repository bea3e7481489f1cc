import { describe, expect, it } from 'vitest';
import { sortScores } from '../src/sort-scores.js';
import { seededRandom } from './reference.js';

describe('sortScores', () => {
  it('orders float32 scores like the built-in typed-array sort when radix-sorted', () => {
    const random = seededRandom(13);
    const special = [0, -0, 1e-38, -1e-38, 3e38, -3e38, 1, -1, 0.5, 0.5, 0.5];
    const values = Float32Array.from({ length: 20_000 }, (_, i) =>
      i < special.length ? special[i]! : (random() - 0.4) * 10 ** Math.floor(random() * 8 - 4),
    );
    const expected = [...values.slice().sort()]; // -0 before +0, as the typed-array sort
    const sorted = sortScores(values.slice());
    expect([...sorted]).toEqual(expected);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1]! <= sorted[i]!).toBe(true);
  });

  it('keeps ties adjacent when many values repeat', () => {
    const random = seededRandom(17);
    const values = Float32Array.from({ length: 10_000 }, () => Math.floor(random() * 5) - 2);
    const sorted = sortScores(values);
    const runs = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]).length;
    expect(runs).toBe(5);
  });

  it('sorts float64 and short arrays with the built-in sort', () => {
    expect([...sortScores(Float64Array.from([3, -1, 2]))]).toEqual([-1, 2, 3]);
    expect([...sortScores(Float32Array.from([3, -1, 2]))]).toEqual([-1, 2, 3]);
  });
});
