import type { Logger, ProgressCallback } from '@patchcore/core';
import type { Summary } from './stats.js';

/** `quick`: small sizes for CI, about a minute in all; `full`: the sizes the project promises. */
export type BenchmarkMode = 'quick' | 'full';

/** A parameter value of a variant, as shown in the results. */
export type ParamValue = string | number | boolean;

/** One measured configuration of a case, run in its own child process. */
export interface BenchmarkVariant {
  /** Short unique label within the case, e.g. `'greedy_coreset N=20000'`. */
  readonly id: string;
  /** The configuration, e.g. `{ sampler: 'greedy_coreset', rows: 20000, dims: 1024 }`. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /**
   * Id of the variant of the same case whose median this one is compared with (ratio column);
   * absent for none.
   */
  readonly relativeTo?: string;
}

/** What one measured run of a variant reports besides its wall time. */
export interface IterationReport {
  /** Extra timings of this run in milliseconds, e.g. per stage `{ extract: 812, sample: 95 }`. */
  readonly timingsMs?: Readonly<Record<string, number>>;
}

/** Facts and figures a variant adds once, after its measured runs. */
export interface VariantFigures {
  /** Single numbers with the unit in the name, e.g. `{ coverageRadius: 3.1, recallAt1: 0.97 }`. */
  readonly figures?: Readonly<Record<string, number>>;
  /** Facts about how it ran, e.g. `{ tensorBackend: 'wasm', dataSource: 'bottle features' }`. */
  readonly facts?: Readonly<Record<string, ParamValue>>;
}

/** A variant ready to run: inputs loaded, state built. Returned by {@link BenchmarkCase.setup}. */
export interface CaseSession {
  /** Runs the measured work once; the harness times the call. */
  iterate(): Promise<IterationReport | undefined>;
  /**
   * Untimed work after the measured runs (quality figures such as recall), and facts.
   *
   * @param timingsMs - the summaries of the measured runs (`wall` and the reported timings).
   */
  finish?(timingsMs: Readonly<Record<string, Summary>>): Promise<VariantFigures>;
  /** Releases native resources. */
  dispose?(): Promise<void>;
}

/** What a case's setup receives. */
export interface CaseContext {
  /** The mode the harness runs in. */
  readonly mode: BenchmarkMode;
  /** Directory of the real data (`bottle/`, `textures/`). */
  readonly dataDir: string;
  /** Directory a case may cache expensive inputs in between runs (e.g. extracted features). */
  readonly cacheDir: string;
  /** Seed of every random draw. */
  readonly seed: number;
  /** Where the case logs. */
  readonly logger: Logger;
  /** Receives the progress of long setups. */
  readonly onProgress: ProgressCallback;
}

/** Why a variant cannot run here (a package not yet landed, data missing). */
export class CaseUnavailableError extends Error {
  /**
   * @param reason - what is missing, e.g. `'@patchcore/samplers exports no GreedyCoresetSampler'`.
   */
  constructor(reason: string) {
    super(reason);
    this.name = 'CaseUnavailableError';
  }
}

/**
 * One benchmark case: a family of variants measured the same way (warm-up, repeats,
 * median/min/max, peak memory in a child process of its own).
 */
export interface BenchmarkCase {
  /** Stable name, used to select cases (`cases: ['samplers']`). */
  readonly name: string;
  /** Heading of the case's table. */
  readonly title: string;
  /** What the timed call does, one sentence, printed under the heading. */
  readonly description: string;
  /**
   * The variants to run in a mode.
   *
   * @param mode - quick or full.
   */
  variants(mode: BenchmarkMode): readonly BenchmarkVariant[];
  /**
   * Prepares a variant: loads inputs, builds state. Not timed, but inside the child process.
   *
   * @param variant - one of {@link BenchmarkCase.variants}.
   * @param context - mode, data directory, logger.
   * @throws {@link CaseUnavailableError} when something it needs is not there.
   */
  setup(variant: BenchmarkVariant, context: CaseContext): Promise<CaseSession>;
}
