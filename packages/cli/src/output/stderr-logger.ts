import { renderLogMessage } from '@patchcore/core';
import type { Logger, LogMessage } from '@patchcore/core';
import type { TextSink } from './cli-io.js';

/** How much the CLI tells on stderr. */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

/**
 * A {@link Logger} writing one line per message to a stream (stderr in the CLI): warnings and
 * errors always, info unless quiet, debug only when verbose.
 *
 * @param sink - the stream.
 * @param verbosity - how much to write.
 * @returns the logger.
 */
export function createStreamLogger(sink: TextSink, verbosity: Verbosity): Logger {
  const line = (prefix: string, message: LogMessage): void => {
    sink.write(`${prefix}${renderLogMessage(message)}\n`);
  };
  return {
    debug: (message) => {
      if (verbosity === 'verbose') line('debug: ', message);
    },
    info: (message) => {
      if (verbosity !== 'quiet') line('', message);
    },
    warn: (message) => line('warning: ', message),
    error: (message) => line('error: ', message),
  };
}
