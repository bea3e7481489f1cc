import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '@patchcore/core';
import type { SamplerConfig } from '../src/index.js';
import {
  ApproximateGreedyCoresetSampler,
  GreedyCoresetSampler,
  IdentitySampler,
  RandomSampler,
  createSampler,
} from '../src/index.js';

describe('createSampler', () => {
  it.each([
    ['identity', IdentitySampler],
    ['random', RandomSampler],
    ['greedy_coreset', GreedyCoresetSampler],
    ['approx_greedy_coreset', ApproximateGreedyCoresetSampler],
  ] as const)('builds %s when given its name', (name, type) => {
    expect(createSampler({ name })).toBeInstanceOf(type);
  });

  it('applies the documented defaults when only the name is given', () => {
    expect(createSampler({ name: 'approx_greedy_coreset' }).describe()).toEqual({
      name: 'approx_greedy_coreset',
      percentage: 0.1,
      seed: 0,
      dimensionToProjectFeaturesTo: 128,
      numberOfStartingPoints: 10,
      device: 'auto',
    });
  });

  it('rebuilds an equal sampler when given a sampler description', () => {
    const sampler = new ApproximateGreedyCoresetSampler(0.25, {
      seed: 4,
      numberOfStartingPoints: 3,
      dimensionToProjectFeaturesTo: 64,
    });
    expect(createSampler(sampler.describe()).describe()).toEqual(sampler.describe());
  });

  it('rejects an unknown name naming it and the allowed ones', () => {
    const config = { name: 'kcenter' } as unknown as SamplerConfig;
    expect(() => createSampler(config)).toThrow(InvalidConfigError);
    expect(() => createSampler(config)).toThrow(/sampler.name .*identity.*"kcenter"/);
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'rejects the inherited property name %s as an unknown name',
    (name) => {
      const config = { name } as unknown as SamplerConfig;
      expect(() => createSampler(config)).toThrow(InvalidConfigError);
      expect(() => createSampler(config)).toThrow(
        new RegExp(`sampler.name must be one of .*got "${name}"`),
      );
    },
  );

  it('rejects a key the named sampler does not take', () => {
    const config = { name: 'random', numberOfStartingPoints: 3 } as SamplerConfig;
    expect(() => createSampler(config)).toThrow(
      /sampler.numberOfStartingPoints is not a setting of 'random'/,
    );
  });

  it('rejects an invalid value naming the key and value', () => {
    const error: unknown = (() => {
      try {
        return createSampler({ name: 'greedy_coreset', percentage: 1 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as InvalidConfigError).key).toBe('sampler.percentage');
    expect((error as Error).message).toMatch(/got 1/);
  });
});
