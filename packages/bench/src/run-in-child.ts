import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger, ProgressCallback } from '@patchcore/core';
import type { VariantResult } from './benchmark-results.js';
import type { WorkerJob, WorkerMessage } from './worker-protocol.js';

/** Where and how to start the child: compiled JavaScript, or TypeScript sources through tsx. */
function workerEntry(): { path: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const path = fileURLToPath(new URL(`./case-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  // From sources (vitest, tsx), workspace packages must resolve to their src/ as well.
  // --expose-gc lets the worker collect garbage before it reads its base memory.
  const source = fromSource ? ['--import', 'tsx', '--conditions=@patchcore/source'] : [];
  const execArgv = ['--expose-gc', ...source];
  return { path, execArgv };
}

/** Settings of one child process. */
export interface ChildOptions {
  /** Environment variables added to the parent's (e.g. OMP_NUM_THREADS). */
  readonly env: Readonly<Record<string, string>>;
  /** The child is killed after this long and the variant marked failed. */
  readonly timeoutMs: number;
  /** Receives the child's log lines. */
  readonly logger: Logger;
  /** Receives the child's progress events. */
  readonly onProgress: ProgressCallback;
}

/**
 * Runs one variant in a child process of its own and returns its result. Never throws for a
 * failing variant: a crash, a timeout or a missing result becomes a `failed` result.
 *
 * @param job - the variant to run.
 * @param options - environment, timeout, logger, progress.
 * @returns the variant's result.
 */
export function runInChild(job: WorkerJob, options: ChildOptions): Promise<VariantResult> {
  const { path, execArgv } = workerEntry();
  const started = Date.now();
  const failed = (reason: string): VariantResult => ({
    case: job.caseName,
    variant: job.variantId,
    params: {},
    status: 'failed',
    reason,
    warmupRuns: 0,
    timingsMs: {},
    figures: {},
    facts: {},
    elapsedMs: Date.now() - started,
  });

  return new Promise((resolve) => {
    const child = fork(path, [JSON.stringify(job)], {
      execArgv,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let result: VariantResult | undefined;
    let fatal: string | undefined;
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-2000);
    });
    child.stdout?.resume();
    const timer = setTimeout(() => {
      fatal = `timed out after ${options.timeoutMs} ms`;
      child.kill('SIGKILL');
    }, options.timeoutMs);

    child.on('message', (message: WorkerMessage) => {
      if (message.kind === 'log') options.logger[message.level](message.text);
      else if (message.kind === 'progress') options.onProgress(message.event);
      else if (message.kind === 'result') result = message.result;
      else fatal = message.text;
    });
    child.on('error', (error) => {
      fatal = `could not start ${path}: ${error.message}`;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined) {
        resolve(result);
        return;
      }
      const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
      const detail = fatal ?? (stderrTail.trim() || 'no result and no error message');
      resolve(failed(`child process ended (${how}): ${detail}`));
    });
  });
}
