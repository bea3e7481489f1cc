import { InvalidConfigError } from '@patchcore/core';
import type { BenchmarkCase } from './benchmark-case.js';
import { calibrationCase } from './cases/calibration-case.js';

/** Every case the harness knows, in the order they run and appear in the results. */
export const BUILT_IN_CASES: readonly BenchmarkCase[] = Object.freeze([calibrationCase]);

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
