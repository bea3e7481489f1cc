/** A log message, or a function that builds it only when the level is enabled. */
export type LogMessage = string | (() => string);

/**
 * The one logging interface of the project. Library entry points take an optional `logger`;
 * the default is {@link silentLogger}. The CLI supplies one that writes to stderr.
 */
export interface Logger {
  /** Detail useful when debugging. */
  debug(message: LogMessage): void;
  /** Normal progress worth telling a user (e.g. which tensor backend was chosen). */
  info(message: LogMessage): void;
  /** Something surprising that did not stop the work. */
  warn(message: LogMessage): void;
  /** A failure. */
  error(message: LogMessage): void;
}

/** A {@link Logger} that drops everything. */
export const silentLogger: Logger = Object.freeze({
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});

/**
 * Turns a {@link LogMessage} into its text.
 *
 * @param message - a string or a function returning one.
 * @returns the text.
 */
export function renderLogMessage(message: LogMessage): string {
  return typeof message === 'function' ? message() : message;
}
