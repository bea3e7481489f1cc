import { InvalidConfigError, silentLogger } from '@patchcore/core';
import type { Logger } from '@patchcore/core';
import { indexRequirements } from './index-factory.js';
import type { IndexRequirements } from './index-factory.js';

/**
 * How arrays cross into faiss-node. `'typed'` hands the `Float32Array` over in place (the
 * project's patched addon); `'array'` converts it once per call to a plain JS array (the
 * upstream addon's only input); `'auto'` picks `'typed'` when the addon supports it.
 */
export type FaissBoundary = 'auto' | 'typed' | 'array';

/** Options of {@link FaissMemoryBank}. */
export interface FaissMemoryBankOptions {
  /**
   * faiss index factory string: `'Flat'` (exact, R's `IndexFlatL2`), `'IVF512,PQ64'` (R's
   * approximate mode, trained on the bank itself), `'HNSW32'`, ...
   *
   * @defaultValue `'Flat'`
   */
  readonly index?: string;
  /**
   * Threads faiss and OpenBLAS may use. With the upstream addon only the first bank loaded in a
   * process decides it (through `OMP_NUM_THREADS`, unless already set).
   *
   * @defaultValue 1 (on the 2-core reference machine 2 threads were slower and far noisier)
   */
  readonly threads?: number;
  /**
   * Index search parameters set after building or loading, e.g. `{ nprobe: 8 }` for IVF or
   * `{ efSearch: 64 }` for HNSW. Needs the project's patched addon.
   *
   * @defaultValue `{}` (faiss's defaults: nprobe 1, efSearch 16)
   */
  readonly searchParameters?: Readonly<Record<string, number>>;
  /**
   * When set, build and load refuse rows of any other dimension D.
   *
   * @defaultValue undefined (any dimension)
   */
  readonly dimension?: number;
  /**
   * How arrays cross the JS/native boundary.
   *
   * @defaultValue `'auto'`
   */
  readonly boundary?: FaissBoundary;
  /**
   * Receives debug and warning messages.
   *
   * @defaultValue silentLogger
   */
  readonly logger?: Logger;
}

/** {@link FaissMemoryBankOptions} after validation, every field filled. */
export interface ResolvedFaissMemoryBankOptions {
  /** The index factory string as handed to faiss (see {@link indexRequirements}). */
  readonly index: string;
  /** What the index needs from its rows. */
  readonly requirements: IndexRequirements;
  /** Thread count. */
  readonly threads: number;
  /** Search parameters. */
  readonly searchParameters: Readonly<Record<string, number>>;
  /** Required row dimension, or undefined. */
  readonly dimension: number | undefined;
  /** Boundary mode. */
  readonly boundary: FaissBoundary;
  /** Logger. */
  readonly logger: Logger;
}

/** Defaults of {@link FaissMemoryBankOptions}. */
export const FAISS_MEMORY_BANK_DEFAULTS = Object.freeze({
  index: 'Flat',
  threads: 1,
  boundary: 'auto',
});

const BOUNDARIES: readonly FaissBoundary[] = ['auto', 'typed', 'array'];

/**
 * Validates options once and fills in the defaults.
 *
 * @param options - user options.
 * @returns frozen resolved options.
 * @throws {@link InvalidConfigError} naming the key and the value for a bad index string,
 *   thread count, search parameter, dimension or boundary mode.
 */
export function resolveFaissMemoryBankOptions(
  options: FaissMemoryBankOptions = {},
): ResolvedFaissMemoryBankOptions {
  const index = options.index ?? FAISS_MEMORY_BANK_DEFAULTS.index;
  const threads = options.threads ?? FAISS_MEMORY_BANK_DEFAULTS.threads;
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024) {
    throw new InvalidConfigError(
      'threads',
      `threads must be an integer in [1, 1024], got ${threads}`,
    );
  }
  const searchParameters = { ...(options.searchParameters ?? {}) };
  for (const [name, value] of Object.entries(searchParameters)) {
    if (!/^[A-Za-z_]\w*$/.test(name) || !Number.isFinite(value)) {
      throw new InvalidConfigError(
        `searchParameters.${name}`,
        `searchParameters.${name} must be a finite number under a faiss parameter name, got ${value}`,
      );
    }
  }
  const dimension = options.dimension;
  if (dimension !== undefined && (!Number.isInteger(dimension) || dimension < 1)) {
    throw new InvalidConfigError(
      'dimension',
      `dimension must be a positive integer, got ${dimension}`,
    );
  }
  const boundary = options.boundary ?? FAISS_MEMORY_BANK_DEFAULTS.boundary;
  if (!BOUNDARIES.includes(boundary)) {
    throw new InvalidConfigError(
      'boundary',
      `boundary must be one of ${BOUNDARIES.join(', ')}, got '${boundary}'`,
    );
  }
  const requirements = indexRequirements(index);
  return Object.freeze({
    index: requirements.description,
    requirements,
    threads,
    searchParameters: Object.freeze(searchParameters),
    dimension,
    boundary,
    logger: options.logger ?? silentLogger,
  });
}
