import { InvalidConfigError } from '@patchcore/core';
import { describe, expect, it } from 'vitest';
import { resolveBenchmarkOptions } from '../src/benchmark-options.js';

const KNOWN = ['calibration', 'samplers'];

describe('resolveBenchmarkOptions', () => {
  it('fills in quick-mode defaults and every case when given nothing', () => {
    const resolved = resolveBenchmarkOptions({}, KNOWN);
    expect(resolved.mode).toBe('quick');
    expect(resolved.cases).toEqual(KNOWN);
    expect(resolved.policy.repeats).toBe(3);
    expect(resolved.outDir.endsWith('bench-results')).toBe(true);
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it('uses more repeats and a larger budget when the mode is full', () => {
    const resolved = resolveBenchmarkOptions({ mode: 'full' }, KNOWN);
    expect(resolved.policy.repeats).toBeGreaterThan(3);
    expect(resolved.policy.budgetMs).toBeGreaterThan(10_000);
  });

  it('throws naming the unknown case when a case name is wrong', () => {
    const call = () => resolveBenchmarkOptions({ cases: ['samplerz'] }, KNOWN);
    expect(call).toThrow(InvalidConfigError);
    expect(call).toThrow(/samplerz/);
  });

  it('throws naming the mode when the mode is unknown', () => {
    // @ts-expect-error -- the wrong mode is the point of the test.
    expect(() => resolveBenchmarkOptions({ mode: 'fast' }, KNOWN)).toThrow(/'fast'/);
  });

  it.each(['repeats', 'budgetMs', 'timeoutMs', 'faissThreads'] as const)(
    'throws naming %s when it is not a positive integer',
    (key) => {
      expect(() => resolveBenchmarkOptions({ [key]: 0 }, KNOWN)).toThrow(new RegExp(key));
    },
  );
});
