/** A writable text stream, as `process.stdout` / `process.stderr` are. */
export interface TextSink {
  /** Writes text. */
  write(text: string): unknown;
  /** True when the stream is an interactive terminal. */
  readonly isTTY?: boolean;
}

/**
 * Where the CLI writes: machine output to `stdout`, logs and progress bars to `stderr`.
 * Injected so tests can capture both.
 */
export interface CliIo {
  /** Results (tables, or JSON with `--json`). */
  readonly stdout: TextSink;
  /** Logs, warnings, errors and progress bars. */
  readonly stderr: TextSink;
}

/**
 * The process's own streams.
 *
 * @returns stdout and stderr of this process.
 */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr };
}
