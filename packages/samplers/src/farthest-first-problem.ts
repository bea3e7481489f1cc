import type { Logger, ProgressCallback } from '@patchcore/core';

/** How the farthest-first loop starts. @internal */
export type FarthestFirstStart =
  /** Exact greedy (SPEC §3.6): first pick = the row farthest from the centroid. */
  | { readonly kind: 'centroid' }
  /**
   * Approximate greedy (SPEC §3.7): every row starts at its mean distance to these rows, which
   * are not picked themselves.
   */
  | { readonly kind: 'mean-of-starts'; readonly anchors: Int32Array };

/** One farthest-first run over projected rows. @internal */
export interface FarthestFirstProblem {
  /** Projected rows Z, row i at `i · stride`, zero padded after `dims`. */
  readonly projected: Float32Array;
  /** N. */
  readonly rows: number;
  /** D', the used columns. */
  readonly dims: number;
  /** Floats per row in `projected`. */
  readonly stride: number;
  /** n, rows to pick. */
  readonly count: number;
  /** The start rule. */
  readonly start: FarthestFirstStart;
  /** Logger. */
  readonly logger: Logger;
  /** Progress receiver (stage 'sample'). */
  readonly onProgress: ProgressCallback | undefined;
}

/**
 * Reports progress at most every 100 ms, and always at the end.
 *
 * @param onProgress - receiver, or undefined.
 * @param total - n.
 * @returns a function taking the number of picks so far.
 * @internal
 */
export function progressReporter(
  onProgress: ProgressCallback | undefined,
  total: number,
): (done: number) => void {
  const started = performance.now();
  let last = -Infinity;
  return (done) => {
    if (onProgress === undefined) return;
    const now = performance.now();
    if (done < total && now - last < 100) return;
    last = now;
    onProgress({ stage: 'sample', done, total, elapsedMs: now - started });
  };
}
