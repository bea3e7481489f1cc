import { InvalidConfigError } from '@patchcore/core';
import type { BenchmarkCase } from './benchmark-case.js';
import { backboneCase } from './cases/backbone-case.js';
import { calibrationCase } from './cases/calibration-case.js';
import { endToEndCase } from './cases/end-to-end-case.js';
import { memoryBankCase } from './cases/memory-bank-case.js';
import { samplersCase } from './cases/samplers-case.js';

/**
 * Every case the harness knows, in the order they run and appear in the results. End to end
 * runs early: its setup caches the real bottle features the sampler and memory-bank cases use.
 */
export const BUILT_IN_CASES: readonly BenchmarkCase[] = Object.freeze([
  calibrationCase,
  endToEndCase,
  samplersCase,
  memoryBankCase,
  backboneCase,
]);

/**
 * Finds a built-in case by name.
 *
 * @param name - the case's name.
 * @returns the case.
 * @throws {@link InvalidConfigError} naming the unknown name and the known ones.
 */
export function findBuiltInCase(name: string): BenchmarkCase {
  const found = BUILT_IN_CASES.find((each) => each.name === name);
  if (found === undefined) {
    const known = BUILT_IN_CASES.map((each) => each.name).join(', ');
    throw new InvalidConfigError('cases', `unknown benchmark case '${name}' (known: ${known})`);
  }
  return found;
}
