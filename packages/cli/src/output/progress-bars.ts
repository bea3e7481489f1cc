import cliProgress from 'cli-progress';
import type { ProgressCallback, ProgressEvent } from '@patchcore/core';
import type { TextSink } from './cli-io.js';

const STAGE_LABELS: Readonly<Record<string, string>> = {
  extract: 'feature extraction',
  sample: 'coreset selection',
  index: 'indexing',
  predict: 'prediction',
  evaluate: 'evaluation',
  overlay: 'overlays',
};

/** Progress display for the CLI: one bar per stage, drawn only on a terminal. */
export interface ProgressDisplay {
  /** Pass to `fit` / `predict` as `onProgress`. */
  readonly onProgress: ProgressCallback;
  /** Stops every bar (call before printing results, and on failure); idempotent. */
  stop(): void;
  /** Where log lines go so that they print above the bars instead of through them. */
  readonly logSink: TextSink;
}

/**
 * Formats elapsed milliseconds as `12.3 s` or `2 min 05 s`.
 *
 * @param elapsedMs - milliseconds.
 * @returns the text.
 */
export function formatElapsed(elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/**
 * Creates progress bars on `sink` for each stage reported through `onProgress` (feature
 * extraction, coreset selection, indexing, prediction), with counts and elapsed time. When the
 * sink is not a terminal, or `enabled` is false, nothing is drawn.
 *
 * @param sink - where bars go (stderr).
 * @param enabled - false to force silence (e.g. `--quiet`).
 * @returns the callback and a stop function.
 */
export function createProgressDisplay(sink: TextSink, enabled = true): ProgressDisplay {
  if (!enabled || sink.isTTY !== true) {
    return { onProgress: () => undefined, stop: () => undefined, logSink: sink };
  }
  const multi = new cliProgress.MultiBar(
    {
      stream: sink as unknown as NodeJS.WritableStream,
      format: ' {stage} [{bar}] {value}/{total} | {elapsed}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  const onProgress = (event: ProgressEvent): void => {
    const payload = {
      stage: (STAGE_LABELS[event.stage] ?? event.stage).padEnd(18),
      elapsed: formatElapsed(event.elapsedMs),
    };
    let bar = bars.get(event.stage);
    if (bar === undefined) {
      bar = multi.create(event.total, event.done, payload);
      bars.set(event.stage, bar);
    }
    bar.setTotal(event.total);
    bar.update(event.done, payload);
  };
  let stopped = false;
  const logSink: TextSink = {
    isTTY: true,
    write: (text: string) => (bars.size > 0 && !stopped ? multi.log(text) : sink.write(text)),
  };
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    // One last redraw prints log lines still buffered by the bars; stop() alone drops them.
    if (bars.size > 0) multi.update();
    multi.stop();
  };
  return { onProgress, stop, logSink };
}
