import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../src/seeded-random.js';

describe('SeededRandom', () => {
  it('repeats its sequence when given the same seed', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('changes its sequence when the seed changes', () => {
    expect(new SeededRandom(1).next()).not.toBe(new SeededRandom(2).next());
  });

  it('draws distinct sorted indices within the range when sampling', () => {
    const indices = Array.from(new SeededRandom(3).sampleIndices(50, 60));
    expect(new Set(indices).size).toBe(50);
    expect(indices).toEqual([...indices].sort((x, y) => x - y));
    expect(Math.max(...indices)).toBeLessThan(60);
  });

  it('throws naming both numbers when more indices than the range are asked for', () => {
    expect(() => new SeededRandom(0).sampleIndices(5, 4)).toThrow(/5 distinct indices.*4/);
  });
});
