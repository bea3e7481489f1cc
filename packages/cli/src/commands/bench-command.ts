import { resolve } from 'node:path';
import type { CommandContext } from './command-context.js';
import { printResult } from './command-context.js';

/** Options of the `bench` command. */
export interface BenchCommandCliOptions {
  /** Run the full suite instead of the quick one. */
  readonly full: boolean;
  /** Results folder. */
  readonly out?: string;
  /** Case names to run (default all). */
  readonly cases?: readonly string[];
}

/**
 * `patchcore bench`: runs the benchmark harness of `@patchcore/bench` and prints its summary.
 *
 * @param options - quick or full, output folder, cases.
 * @param context - streams, logger, progress, pipeline.
 * @returns the results folder and summary.
 */
export async function runBenchCommand(
  options: BenchCommandCliOptions,
  context: CommandContext,
): Promise<{ outDir: string; summary: string }> {
  const result = await context.pipeline.runBenchmarks({
    mode: options.full ? 'full' : 'quick',
    ...(options.out === undefined ? {} : { outDir: resolve(options.out) }),
    ...(options.cases === undefined ? {} : { cases: options.cases }),
    logger: context.logger,
    onProgress: context.progress.onProgress,
  });
  printResult(context, result, `${result.summary}\nresults: ${result.outDir}\n`);
  return result;
}
