import type { Logger } from '@patchcore/core';
import type { CliIo } from '../output/cli-io.js';
import type { ProgressDisplay } from '../output/progress-bars.js';
import type { Pipeline } from '../pipeline/pipeline.js';

/** What every command receives: streams, logger, progress display, pipeline and flags. */
export interface CommandContext {
  /** stdout for results, stderr for logs. */
  readonly io: CliIo;
  /** Logs to stderr. */
  readonly logger: Logger;
  /** Progress bars on stderr (silent when not a terminal). */
  readonly progress: ProgressDisplay;
  /** The packages the command drives. */
  readonly pipeline: Pipeline;
  /** True for `--json`: results as one JSON document on stdout. */
  readonly json: boolean;
}

/**
 * Prints a command's result: JSON on stdout with `--json`, otherwise the given text.
 *
 * @param context - the command context.
 * @param result - the machine-readable result.
 * @param text - the human-readable rendering.
 */
export function printResult(context: CommandContext, result: unknown, text: string): void {
  context.progress.stop();
  context.io.stdout.write(context.json ? `${JSON.stringify(result, null, 2)}\n` : text);
}
