import type { Logger, ProgressCallback } from '@patchcore/core';

/** What a sampler's row choice receives besides the rows. @internal */
export interface SelectionContext {
  /** The logger for this call. */
  readonly logger: Logger;
  /** Progress receiver, when the caller gave one. */
  readonly onProgress: ProgressCallback | undefined;
}
