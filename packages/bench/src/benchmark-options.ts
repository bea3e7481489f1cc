import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger, ProgressCallback } from '@patchcore/core';
import { InvalidConfigError, silentLogger } from '@patchcore/core';
import type { BenchmarkMode } from './benchmark-case.js';
import type { RepeatPolicy } from './measure-variant.js';

/** Options of {@link runBenchmarks}. */
export interface BenchmarkOptions {
  /** `quick` (CI, about a minute) or `full` (by hand). @defaultValue `'quick'` */
  readonly mode?: BenchmarkMode;
  /** Directory receiving `results.json` and `results.md`. @defaultValue `'bench-results'` under the working directory */
  readonly outDir?: string;
  /** Names of the cases to run (see {@link listBenchmarkCases}). @defaultValue every case */
  readonly cases?: readonly string[];
  /** Directory of the real data (`bottle/`). @defaultValue `shared/data` beside the repository */
  readonly dataDir?: string;
  /** Seed of every random draw. @defaultValue `0` */
  readonly seed?: number;
  /** OMP_NUM_THREADS for every child: faiss and OpenBLAS threads. @defaultValue the core count */
  readonly faissThreads?: number;
  /** Measured runs per variant. @defaultValue 3 (quick), 5 (full) */
  readonly repeats?: number;
  /** Time the measured runs of one variant may take. @defaultValue 10 s (quick), 120 s (full) */
  readonly budgetMs?: number;
  /** A variant's child process is killed after this long. @defaultValue 2 min (quick), 30 min (full) */
  readonly timeoutMs?: number;
  /** Where progress notes and warnings go. @defaultValue the silent logger */
  readonly logger?: Logger;
  /** Receives `{ stage: 'bench', done, total }` per variant and the variants' own events. */
  readonly onProgress?: ProgressCallback;
}

/** {@link BenchmarkOptions} validated, with every default filled in. */
export interface ResolvedBenchmarkOptions {
  readonly mode: BenchmarkMode;
  readonly outDir: string;
  readonly cases: readonly string[];
  readonly dataDir: string;
  readonly seed: number;
  readonly faissThreads: number;
  readonly policy: RepeatPolicy;
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly onProgress: ProgressCallback;
}

const MODE_DEFAULTS = {
  quick: { repeats: 3, budgetMs: 10_000, longRunMs: 5_000, timeoutMs: 120_000 },
  full: { repeats: 5, budgetMs: 120_000, longRunMs: 20_000, timeoutMs: 1_800_000 },
} as const;

/** `shared/data` beside the repository: src/ or dist/ → package → packages → repo → its parent. */
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../../shared/data', import.meta.url));

function positiveInteger(key: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidConfigError(key, `${key} must be a positive integer, got ${value}`);
  }
  return value;
}

/**
 * Validates benchmark options once and fills in the defaults.
 *
 * @param options - the caller's options.
 * @param knownCases - names of the cases that exist.
 * @returns frozen resolved options.
 * @throws {@link InvalidConfigError} naming the key and value: an unknown mode or case, or a
 *   count or duration that is not a positive integer.
 */
export function resolveBenchmarkOptions(
  options: BenchmarkOptions,
  knownCases: readonly string[],
): ResolvedBenchmarkOptions {
  const mode = options.mode ?? 'quick';
  if (mode !== 'quick' && mode !== 'full') {
    throw new InvalidConfigError('mode', `mode must be 'quick' or 'full', got '${String(mode)}'`);
  }
  const defaults = MODE_DEFAULTS[mode];
  const cases = options.cases ?? knownCases;
  const unknown = cases.filter((name) => !knownCases.includes(name));
  if (unknown.length > 0 || cases.length === 0) {
    throw new InvalidConfigError(
      'cases',
      `cases must name some of ${knownCases.join(', ')}; got [${cases.join(', ')}]`,
    );
  }
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0) {
    throw new InvalidConfigError('seed', `seed must be a non-negative integer, got ${seed}`);
  }
  return Object.freeze({
    mode,
    outDir: resolve(options.outDir ?? 'bench-results'),
    cases: [...cases],
    dataDir: resolve(options.dataDir ?? DEFAULT_DATA_DIR),
    seed,
    faissThreads: positiveInteger('faissThreads', options.faissThreads, availableParallelism()),
    policy: {
      repeats: positiveInteger('repeats', options.repeats, defaults.repeats),
      budgetMs: positiveInteger('budgetMs', options.budgetMs, defaults.budgetMs),
      longRunMs: defaults.longRunMs,
    },
    timeoutMs: positiveInteger('timeoutMs', options.timeoutMs, defaults.timeoutMs),
    logger: options.logger ?? silentLogger,
    onProgress: options.onProgress ?? (() => undefined),
  });
}
