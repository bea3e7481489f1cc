import type { SamplerDescription } from '@patchcore/core';

/**
 * How many memory-bank rows a sampler described by `description` keeps from `featureCount`
 * training features, by the rule every sampler of the project follows (SPEC §3.8 item 2):
 * all rows for the identity sampler, else max(1, ⌊N · percentage⌋). Undefined for a sampler
 * whose description gives no percentage, whose size cannot be known before it runs.
 *
 * @param description - the sampler's `describe()`.
 * @param featureCount - N, the number of training features.
 * @returns the expected number of memory-bank rows, or undefined.
 */
export function expectedMemoryBankSize(
  description: SamplerDescription,
  featureCount: number,
): number | undefined {
  if (description.name === 'identity') return featureCount;
  const { percentage } = description;
  if (percentage === undefined) return undefined;
  return Math.min(featureCount, Math.max(1, Math.floor(featureCount * percentage)));
}
