/**
 * Entry point of the child process that runs one variant (see run-in-child.ts). Reads its
 * job from argv[2] as JSON, reports logs, progress and the result to the parent over IPC, then
 * exits, so that its peak resident memory belongs to that variant alone.
 *
 * @internal
 * @packageDocumentation
 */
import type { Logger, LogMessage, ProgressEvent } from '@patchcore/core';
import { renderLogMessage } from '@patchcore/core';
import type { VariantResult } from './benchmark-results.js';
import { findBuiltInCase } from './case-registry.js';
import { measureVariant } from './measure-variant.js';
import type { WorkerJob, WorkerMessage } from './worker-protocol.js';

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) {
      reject(new Error('case-worker must be started with an IPC channel (child_process.fork)'));
      return;
    }
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

function forwardingLogger(): Logger {
  const log =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: LogMessage): void => {
      void send({ kind: 'log', level, text: renderLogMessage(message) });
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as WorkerJob;
  const benchmarkCase = findBuiltInCase(job.caseName);
  const variant = benchmarkCase.variants(job.mode).find((each) => each.id === job.variantId);
  if (variant === undefined) {
    throw new Error(`case ${job.caseName} has no variant '${job.variantId}' in ${job.mode} mode`);
  }
  const context = {
    mode: job.mode,
    dataDir: job.dataDir,
    cacheDir: job.cacheDir,
    seed: job.seed,
    logger: forwardingLogger(),
    onProgress: (event: ProgressEvent) => void send({ kind: 'progress', event }),
  };
  const result: VariantResult = await measureVariant(benchmarkCase, variant, context, job.policy);
  await send({ kind: 'result', result });
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await send({ kind: 'fatal', text }).catch(() => undefined);
    process.exit(1);
  },
);
