import type { Logger } from '@patchcore/core';

/** A logger that keeps the warnings it receives, for tests that check them. */
export function recordingLogger(): { warnings: string[]; logger: Logger } {
  const warnings: string[] = [];
  const text = (m: string | (() => string)) => (typeof m === 'function' ? m() : m);
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (m) => warnings.push(text(m)),
    error: () => undefined,
  };
  return { warnings, logger };
}
