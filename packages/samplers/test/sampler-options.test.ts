import { describe, expect, it } from 'vitest';
import {
  ApproximateGreedyCoresetSampler,
  GreedyCoresetSampler,
  IdentitySampler,
  RandomSampler,
  coresetSize,
} from '../src/index.js';

describe('percentage validation', () => {
  it.each([0, 1, -0.1, 1.5, Number.NaN, Infinity])(
    'throws a RangeError naming %s',
    (percentage) => {
      for (const make of [
        () => new RandomSampler(percentage),
        () => new GreedyCoresetSampler(percentage),
        () => new ApproximateGreedyCoresetSampler(percentage),
      ]) {
        expect(make).toThrow(RangeError);
        expect(make).toThrow(new RegExp(`got ${String(percentage)}`));
      }
    },
  );

  it('accepts values strictly inside (0, 1)', () => {
    expect(new RandomSampler(1e-9).percentage).toBe(1e-9);
    expect(new GreedyCoresetSampler(0.999).percentage).toBe(0.999);
  });
});

describe('other options', () => {
  it.each([
    [{ dimensionToProjectFeaturesTo: 0 }, /dimensionToProjectFeaturesTo .* got 0/],
    [{ seed: -1 }, /seed .* got -1/],
    [{ seed: 1.5 }, /seed .* got 1.5/],
    [{ device: 'tpu' as 'gpu' }, /device .* got 'tpu'/],
    [{ numberOfStartingPoints: 0 }, /numberOfStartingPoints .* got 0/],
  ])('throws a RangeError when given %o', (options, message) => {
    expect(() => new ApproximateGreedyCoresetSampler(0.1, options)).toThrow(message);
  });
});

describe('coresetSize', () => {
  it.each([
    [100, 0.29, 28],
    [163856, 0.1, 16385],
    [163856, 0.01, 1638],
    [5, 0.1, 1],
    [1, 0.5, 1],
  ])('keeps max(1, floor(N · p)) rows when N = %i and p = %f', (rows, percentage, expected) => {
    expect(coresetSize(rows, percentage)).toBe(expected);
  });

  it('is what every sampler tells the orchestrator it will keep, before running', () => {
    expect(new RandomSampler(0.1).coresetSize(163856)).toBe(16385);
    expect(new GreedyCoresetSampler(0.01).coresetSize(163856)).toBe(1638);
    expect(new ApproximateGreedyCoresetSampler(0.29).coresetSize(100)).toBe(28);
    expect(new IdentitySampler().coresetSize(163856)).toBe(163856);
  });
});
