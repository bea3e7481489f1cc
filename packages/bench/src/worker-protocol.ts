import type { ProgressEvent } from '@patchcore/core';
import type { BenchmarkMode } from './benchmark-case.js';
import type { VariantResult } from './benchmark-results.js';
import type { RepeatPolicy } from './measure-variant.js';

/**
 * What the parent asks a child process to run.
 *
 * @internal
 */
export interface WorkerJob {
  readonly caseName: string;
  readonly variantId: string;
  readonly mode: BenchmarkMode;
  readonly dataDir: string;
  readonly cacheDir: string;
  readonly seed: number;
  readonly policy: RepeatPolicy;
}

/**
 * What a child process sends back over IPC.
 *
 * @internal
 */
export type WorkerMessage =
  | {
      readonly kind: 'log';
      readonly level: 'debug' | 'info' | 'warn' | 'error';
      readonly text: string;
    }
  | { readonly kind: 'progress'; readonly event: ProgressEvent }
  | { readonly kind: 'result'; readonly result: VariantResult }
  | { readonly kind: 'fatal'; readonly text: string };
