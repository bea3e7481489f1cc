/** One progress report of a long step. */
export interface ProgressEvent {
  /** The step, e.g. `'extract'`, `'sample'`, `'index'`, `'predict'`. */
  readonly stage: string;
  /** Units done so far (images, selected rows, …). */
  readonly done: number;
  /** Units in all. */
  readonly total: number;
  /** Milliseconds since the step started. */
  readonly elapsedMs: number;
}

/** Receives {@link ProgressEvent}s; the CLI turns them into progress bars. */
export type ProgressCallback = (event: ProgressEvent) => void;
