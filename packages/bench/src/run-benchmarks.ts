import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeFileAtomic } from '@patchcore/core';
import type { BenchmarkOptions } from './benchmark-options.js';
import { resolveBenchmarkOptions } from './benchmark-options.js';
import type { BenchmarkResults, VariantResult } from './benchmark-results.js';
import { BUILT_IN_CASES } from './case-registry.js';
import { collectMachineFacts } from './machine-facts.js';
import { renderResultsMarkdown } from './results-markdown.js';
import { runInChild } from './run-in-child.js';

/** What {@link runBenchmarks} produced. */
export interface BenchmarkRun {
  /** Everything measured (the contents of `results.json`). */
  readonly results: BenchmarkResults;
  /** The Markdown tables (the contents of `results.md`). */
  readonly markdown: string;
  /** Path of `results.json`. */
  readonly jsonPath: string;
  /** Path of `results.md`. */
  readonly markdownPath: string;
}

/**
 * Runs the benchmark cases, each variant in a child process of its own (warm-up, repeated
 * runs, median/min/max, peak resident memory), and writes `results.json` and `results.md`
 * to `outDir`. A variant whose package or data is missing is reported as skipped, a crashing
 * one as failed; neither stops the run.
 *
 * @param options - mode, output directory, case selection, logger, progress callback.
 * @returns the results and where they were written.
 * @throws {@link @patchcore/core#InvalidConfigError} for an unknown mode or case name.
 * @example
 * ```ts
 * const run = await runBenchmarks({ mode: 'quick', outDir: 'bench-results' });
 * process.stdout.write(run.markdown);
 * ```
 */
export async function runBenchmarks(options: BenchmarkOptions = {}): Promise<BenchmarkRun> {
  const knownNames = BUILT_IN_CASES.map((benchmarkCase) => benchmarkCase.name);
  const resolved = resolveBenchmarkOptions(options, knownNames);
  const { logger, onProgress, mode } = resolved;
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0] ?? 0;
  const started = performance.now();
  const cases = BUILT_IN_CASES.filter((each) => resolved.cases.includes(each.name));
  const jobs = cases.flatMap((each) => each.variants(mode).map((variant) => ({ each, variant })));
  const cacheDir = join(resolved.outDir, 'cache');
  await mkdir(cacheDir, { recursive: true });

  const results: VariantResult[] = [];
  for (const [index, { each, variant }] of jobs.entries()) {
    logger.info(`bench ${index + 1}/${jobs.length}: ${each.name} / ${variant.id}`);
    const result = await runInChild(
      {
        caseName: each.name,
        variantId: variant.id,
        mode,
        dataDir: resolved.dataDir,
        cacheDir,
        seed: resolved.seed,
        policy: resolved.policy,
      },
      {
        env: { OMP_NUM_THREADS: String(resolved.faissThreads) },
        timeoutMs: resolved.timeoutMs,
        logger,
        onProgress,
      },
    );
    results.push({ ...result, params: variant.params });
    onProgress({
      stage: 'bench',
      done: index + 1,
      total: jobs.length,
      elapsedMs: performance.now() - started,
    });
  }

  const benchmarkResults: BenchmarkResults = {
    schemaVersion: 1,
    mode,
    startedAt,
    elapsedMs: performance.now() - started,
    machine: collectMachineFacts(resolved.faissThreads, results, loadAtStart),
    results,
  };
  const markdown = renderResultsMarkdown(benchmarkResults, cases);
  const jsonPath = join(resolved.outDir, 'results.json');
  const markdownPath = join(resolved.outDir, 'results.md');
  await writeFileAtomic(jsonPath, `${JSON.stringify(benchmarkResults, null, 2)}\n`);
  await writeFileAtomic(markdownPath, markdown);
  logger.info(`bench results written to ${markdownPath} and ${jsonPath}`);
  return { results: benchmarkResults, markdown, jsonPath, markdownPath };
}
