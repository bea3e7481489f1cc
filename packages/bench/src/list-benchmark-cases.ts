import type { BenchmarkMode } from './benchmark-case.js';
import { BUILT_IN_CASES } from './case-registry.js';

/** A case as the CLI lists it. */
export interface BenchmarkCaseInfo {
  /** The name to pass in `cases`. */
  readonly name: string;
  /** Its heading. */
  readonly title: string;
  /** What it measures. */
  readonly description: string;
  /** Ids of its variants in the mode asked for. */
  readonly variants: readonly string[];
}

/**
 * Lists the built-in benchmark cases and their variants, e.g. for `patchcore bench --list`.
 *
 * @param mode - the mode whose variants to list. @defaultValue `'quick'`
 * @returns one entry per case, in run order.
 */
export function listBenchmarkCases(mode: BenchmarkMode = 'quick'): BenchmarkCaseInfo[] {
  return BUILT_IN_CASES.map((each) => ({
    name: each.name,
    title: each.title,
    description: each.description,
    variants: each.variants(mode).map((variant) => variant.id),
  }));
}
