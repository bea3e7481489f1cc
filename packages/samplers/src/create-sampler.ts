import { InvalidConfigError } from '@patchcore/core';
import type { FeatureSampler, Logger, SamplerDescription, SamplerName } from '@patchcore/core';
import { ApproximateGreedyCoresetSampler } from './approximate-greedy-coreset-sampler.js';
import { GreedyCoresetSampler } from './greedy-coreset-sampler.js';
import { IdentitySampler } from './identity-sampler.js';
import { RandomSampler } from './random-sampler.js';
import { SAMPLER_DEFAULTS } from './sampler-options.js';
import type { TensorDevice } from './sampler-options.js';

/** A sampler as plain data, e.g. from a config file. */
export interface SamplerConfig {
  /** Which sampler. */
  readonly name: SamplerName;
  /**
   * Share of rows kept, in (0, 1); not allowed for `'identity'`.
   * @defaultValue 0.1
   */
  readonly percentage?: number;
  /**
   * TensorFlow.js device (greedy samplers).
   * @defaultValue 'auto'
   */
  readonly device?: TensorDevice;
  /**
   * Seed of every random draw (random and greedy samplers).
   * @defaultValue 0
   */
  readonly seed?: number;
  /**
   * D' of the random projection (greedy samplers).
   * @defaultValue 128
   */
  readonly dimensionToProjectFeaturesTo?: number;
  /**
   * Starting rows (approximate greedy sampler only).
   * @defaultValue 10
   */
  readonly numberOfStartingPoints?: number;
}

const ALLOWED_KEYS: Readonly<Record<SamplerName, readonly string[]>> = {
  identity: ['name'],
  random: ['name', 'percentage', 'seed'],
  greedy_coreset: ['name', 'percentage', 'seed', 'device', 'dimensionToProjectFeaturesTo'],
  approx_greedy_coreset: [
    'name',
    'percentage',
    'seed',
    'device',
    'dimensionToProjectFeaturesTo',
    'numberOfStartingPoints',
  ],
};

/**
 * Builds a sampler from plain data, so that a config file can swap samplers. Unknown names,
 * keys that the named sampler does not take and invalid values are rejected.
 *
 * @param config - `{ name, ...settings }`; a sampler's `describe()` output is accepted.
 * @param logger - handed to the sampler.
 * @returns the sampler.
 * @throws {@link InvalidConfigError} naming the key and value.
 * @example
 * ```ts
 * const sampler = createSampler({ name: 'approx_greedy_coreset', percentage: 0.1 });
 * ```
 */
export function createSampler(
  config: SamplerConfig | SamplerDescription,
  logger?: Logger,
): FeatureSampler {
  const raw = config as unknown as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null) {
    throw new InvalidConfigError('sampler', `sampler config must be an object, got ${String(raw)}`);
  }
  const name = raw['name'];
  // Own keys only: `in` would accept inherited names such as 'toString' or '__proto__'.
  if (typeof name !== 'string' || !Object.hasOwn(ALLOWED_KEYS, name)) {
    throw new InvalidConfigError(
      'sampler.name',
      `sampler.name must be one of ${Object.keys(ALLOWED_KEYS).join(', ')}, got ${JSON.stringify(name)}`,
    );
  }
  const allowed = ALLOWED_KEYS[name as SamplerName];
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key) && raw[key] !== undefined) {
      throw new InvalidConfigError(
        `sampler.${key}`,
        `sampler.${key} is not a setting of '${name}' (allowed: ${allowed.join(', ')})`,
      );
    }
  }
  try {
    return build(config, logger);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const key = Object.keys(raw).find((k) => error.message.startsWith(k)) ?? 'sampler';
    throw new InvalidConfigError(`sampler.${key}`, `sampler.${error.message}`, { cause: error });
  }
}

function build(
  config: SamplerConfig | SamplerDescription,
  logger: Logger | undefined,
): FeatureSampler {
  const percentage = config.percentage ?? SAMPLER_DEFAULTS.percentage;
  const common = logger === undefined ? {} : { logger };
  const greedy = {
    ...common,
    ...(config.seed === undefined ? {} : { seed: config.seed }),
    // The constructor validates the device name.
    ...(config.device === undefined ? {} : { device: config.device as TensorDevice }),
    ...(config.dimensionToProjectFeaturesTo === undefined
      ? {}
      : { dimensionToProjectFeaturesTo: config.dimensionToProjectFeaturesTo }),
  };
  switch (config.name) {
    case 'identity':
      return new IdentitySampler(common);
    case 'random':
      return new RandomSampler(percentage, {
        ...common,
        ...(config.seed === undefined ? {} : { seed: config.seed }),
      });
    case 'greedy_coreset':
      return new GreedyCoresetSampler(percentage, greedy);
    case 'approx_greedy_coreset':
      return new ApproximateGreedyCoresetSampler(percentage, {
        ...greedy,
        ...(config.numberOfStartingPoints === undefined
          ? {}
          : { numberOfStartingPoints: config.numberOfStartingPoints }),
      });
  }
}
