import { describe, expect, it } from 'vitest';
import { RandomGenerator, projectionMatrix } from '../src/index.js';

describe('RandomGenerator', () => {
  it('repeats its sequence when given the same seed and stream', () => {
    const a = new RandomGenerator(42, 1);
    const b = new RandomGenerator(42, 1);
    const c = new RandomGenerator(42, 0);
    const first = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(first);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(first);
  });

  it('draws distinct indices covering the range when asked for all of them', () => {
    const drawn = new RandomGenerator(3).sampleDistinct(50, 50);
    expect(Array.from(drawn).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
  });

  it('draws roughly uniform values in the open unit interval', () => {
    const random = new RandomGenerator(7);
    const values = Array.from({ length: 20000 }, () => random.nextOpenUnit());
    expect(Math.min(...values)).toBeGreaterThan(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it('rejects a seed outside [0, 2³² − 1] naming it', () => {
    expect(() => new RandomGenerator(2 ** 32)).toThrow(/seed .* got 4294967296/);
  });
});

describe('projectionMatrix', () => {
  it('draws entries inside (−1/√D, 1/√D) when D = 1024', () => {
    const weights = projectionMatrix(1024, 16, 0);
    expect(weights).toHaveLength(16 * 1024);
    const largest = weights.reduce((m, w) => Math.max(m, Math.abs(w)), 0);
    expect(largest).toBeLessThan(0.03125);
    expect(largest).toBeGreaterThan(0.03);
  });
});
