import { PatchcoreError } from '@patchcore/core';

/**
 * Exit codes of the `patchcore` command, stable for scripts.
 *
 * - 0 `OK`: the command did what was asked.
 * - 1 `FAILURE`: an unexpected failure (a bug, or a lower layer failing).
 * - 2 `USAGE`: wrong command-line usage or an invalid config file.
 * - 3 `INPUT`: an input file or folder is missing or unreadable (images, model, data).
 * - 4 `NATIVE_DEPENDENCY`: a native add-on (faiss-node, onnxruntime-node, sharp) failed to load.
 * - 10 `ANOMALY_FOUND`: `predict --fail-on-anomaly` found at least one anomalous image.
 */
export const EXIT_CODES = Object.freeze({
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  INPUT: 3,
  NATIVE_DEPENDENCY: 4,
  ANOMALY_FOUND: 10,
} as const);

/** One of the {@link EXIT_CODES} values. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** Thrown by the CLI for wrong usage (a missing option, a bad argument). */
export class UsageError extends Error {
  /**
   * @param message - what is wrong and what to do.
   */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function isNodeFileError(error: unknown): error is NodeJS.ErrnoException & { path?: string } {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    ['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')
  );
}

/**
 * Maps an error to the exit code a script sees.
 *
 * @param error - what the command threw.
 * @returns the exit code.
 */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT_CODES.USAGE;
  if (error instanceof PatchcoreError) {
    switch (error.code) {
      case 'INVALID_CONFIG':
        return EXIT_CODES.USAGE;
      case 'INVALID_FILE':
        return EXIT_CODES.INPUT;
      case 'NATIVE_DEPENDENCY':
        return EXIT_CODES.NATIVE_DEPENDENCY;
      case 'SHAPE_MISMATCH':
      case 'NON_FINITE_VALUE':
      case 'INVALID_STATE':
        return EXIT_CODES.FAILURE;
    }
  }
  if (error instanceof RangeError) return EXIT_CODES.USAGE;
  if (isNodeFileError(error)) return EXIT_CODES.INPUT;
  return EXIT_CODES.FAILURE;
}

/** Native packages that `npm run setup` installs or builds. */
const SETUP_PACKAGES = new Set(['faiss-node', 'onnxruntime-node', 'sharp']);

/**
 * True when running the set-up can repair this native failure: not for optional accelerators
 * (a CUDA provider, TensorFlow.js GPU packages), which set-up does not install.
 */
function isFixedBySetup(error: Error, firstLine: string): boolean {
  const packageName = (error as { packageName?: unknown }).packageName;
  return (
    typeof packageName === 'string' &&
    SETUP_PACKAGES.has(packageName) &&
    !/\bCUDA\b|\bgpu\b/i.test(firstLine)
  );
}

/**
 * One line for the user: what failed, with the hint of what to do when one is known.
 *
 * @param error - what the command threw.
 * @returns the line, without a trailing newline.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const firstLine = error.message.split('\n')[0] ?? '';
  const code = exitCodeFor(error);
  const hint =
    code === EXIT_CODES.USAGE
      ? ' (see --help)'
      : code === EXIT_CODES.NATIVE_DEPENDENCY && isFixedBySetup(error, firstLine)
        ? ' (run `npm run setup` to build the native parts)'
        : '';
  return `${firstLine}${hint}`;
}
