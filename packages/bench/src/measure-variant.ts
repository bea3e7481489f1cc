import { performance } from 'node:perf_hooks';
import type { BenchmarkCase, BenchmarkVariant, CaseContext } from './benchmark-case.js';
import { CaseUnavailableError } from './benchmark-case.js';
import type { VariantResult } from './benchmark-results.js';
import {
  currentResidentMemory,
  peakResidentMemory,
  resetPeakResidentMemory,
} from './peak-memory.js';
import { summarize } from './stats.js';

const MIB = 1024 * 1024;

/** How many times a variant runs. */
export interface RepeatPolicy {
  /** Measured runs wanted. */
  readonly repeats: number;
  /** Time the measured runs of one variant may take in all; fewer runs when they are slow. */
  readonly budgetMs: number;
  /**
   * A warm-up run at least this long counts as the first measured run: at that scale JIT and
   * first-touch effects are noise, and a second slow run would only eat the budget.
   */
  readonly longRunMs: number;
}

/**
 * Runs one variant in this process: setup, one warm-up, then measured runs within the budget,
 * then the case's untimed figures. Peak memory is reset after setup, so `peakRssMiB` covers
 * the measured runs only.
 *
 * @param benchmarkCase - the case.
 * @param variant - the variant.
 * @param context - mode, data directory, logger, progress.
 * @param policy - repeats and time budget.
 * @returns the variant's result; `skipped` when the case reports itself unavailable, `failed`
 *   on any other error (with the message as reason).
 */
export async function measureVariant(
  benchmarkCase: BenchmarkCase,
  variant: BenchmarkVariant,
  context: CaseContext,
  policy: RepeatPolicy,
): Promise<VariantResult> {
  const started = performance.now();
  const base = {
    case: benchmarkCase.name,
    variant: variant.id,
    params: variant.params,
    ...(variant.relativeTo === undefined ? {} : { relativeTo: variant.relativeTo }),
  };
  const empty = { warmupRuns: 0, timingsMs: {}, figures: {}, facts: {} };
  try {
    const session = await benchmarkCase.setup(variant, context);
    try {
      const measured = await measureSession(session, policy, context);
      const extra = (await session.finish?.(measured.timingsMs)) ?? {};
      return {
        ...base,
        status: 'ok',
        ...measured,
        figures: extra.figures ?? {},
        facts: extra.facts ?? {},
        processPeakRssMiB: process.resourceUsage().maxRSS / 1024,
        elapsedMs: performance.now() - started,
      };
    } finally {
      await session.dispose?.();
    }
  } catch (error) {
    const status = error instanceof CaseUnavailableError ? 'skipped' : 'failed';
    const reason = error instanceof Error ? error.message : String(error);
    context.logger.warn(`${benchmarkCase.name} / ${variant.id}: ${status}: ${reason}`);
    return { ...base, status, reason, ...empty, elapsedMs: performance.now() - started };
  }
}

type Measured = Pick<VariantResult, 'warmupRuns' | 'timingsMs' | 'baseRssMiB' | 'peakRssMiB'>;

async function measureSession(
  session: Awaited<ReturnType<BenchmarkCase['setup']>>,
  policy: RepeatPolicy,
  context: CaseContext,
): Promise<Measured> {
  // Drop setup's garbage first (the child runs with --expose-gc), so base RSS is what is live.
  (globalThis as { gc?: () => void }).gc?.();
  const baseRssMiB = currentResidentMemory() / MIB;
  const started = performance.now();
  resetPeakResidentMemory();
  const samples = new Map<string, number[]>();
  const runOnce = async (): Promise<Map<string, number>> => {
    const t0 = performance.now();
    const report = await session.iterate();
    const timings = new Map(Object.entries(report?.timingsMs ?? {}));
    timings.set('wall', performance.now() - t0);
    return timings;
  };
  const record = (timings: Map<string, number>): void => {
    for (const [name, ms] of timings) samples.set(name, [...(samples.get(name) ?? []), ms]);
  };

  // One warm-up run; when it is long it is kept as the first measurement (see RepeatPolicy).
  const warmup = await runOnce();
  const warmupMs = warmup.get('wall') ?? 0;
  const warmupCounted = warmupMs >= policy.longRunMs;
  if (warmupCounted) record(warmup);
  const affordable = Math.floor(policy.budgetMs / Math.max(warmupMs, 1));
  const wanted = Math.max(1, Math.min(policy.repeats, affordable)) - (warmupCounted ? 1 : 0);
  for (let run = 0; run < wanted; run++) {
    record(await runOnce());
    const elapsedMs = performance.now() - started;
    context.onProgress({ stage: 'repeat', done: run + 1, total: wanted, elapsedMs });
  }

  const timingsMs = Object.fromEntries(
    [...samples].map(([name, values]) => [name, summarize(values)]),
  );
  return {
    warmupRuns: warmupCounted ? 0 : 1,
    timingsMs,
    baseRssMiB,
    peakRssMiB: peakResidentMemory() / MIB,
  };
}
