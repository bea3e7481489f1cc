import { InvalidConfigError, NativeDependencyError, PatchcoreError } from '@patchcore/core';
import { FAISS_SETUP_HINT, loadFaiss } from './faiss-addon.js';
import type { FaissIndex, LoadedFaiss } from './faiss-addon.js';
import type { ResolvedFaissMemoryBankOptions } from './faiss-memory-bank-options.js';

const METRIC_L2 = 1;

/**
 * One memory bank's view of the faiss-node addon: loads it lazily, applies the bank's thread
 * count before each native call, converts arrays for the chosen boundary and turns faiss
 * failures into the project's errors.
 *
 * @internal
 */
export class FaissSession {
  readonly #options: ResolvedFaissMemoryBankOptions;
  #loaded: LoadedFaiss | undefined;
  #warnedThreads = false;

  /**
   * @param options - the bank's resolved options.
   */
  constructor(options: ResolvedFaissMemoryBankOptions) {
    this.#options = options;
  }

  /** The addon, loaded on first use. @throws {@link NativeDependencyError} when it cannot load. */
  get loaded(): LoadedFaiss {
    this.#loaded ??= loadFaiss(this.#options.threads, this.#options.logger);
    return this.#loaded;
  }

  /**
   * The boundary mode in effect.
   *
   * @throws {@link NativeDependencyError} for `'typed'` on upstream's addon.
   */
  get boundary(): 'typed' | 'array' {
    const { patched } = this.loaded;
    if (this.#options.boundary === 'typed' && !patched) {
      throw new NativeDependencyError(
        'faiss-node',
        `boundary 'typed' needs the project's patched faiss-node addon, but the installed one ` +
          `is upstream's. ${FAISS_SETUP_HINT}`,
      );
    }
    if (this.#options.boundary === 'auto') return patched ? 'typed' : 'array';
    return this.#options.boundary;
  }

  /**
   * The addon's input for `values`: the array itself (typed) or one plain-array copy.
   *
   * @param values - row-major floats.
   * @returns what add, train and search accept.
   */
  toNative(values: Float32Array): Float32Array | number[] {
    return this.boundary === 'typed' ? values : Array.from(values);
  }

  /**
   * Runs a native call with the bank's thread count.
   *
   * @param call - the call.
   * @param what - what it does, for the error message.
   * @returns what the call returns.
   * @throws {@link InvalidConfigError} (key `index`) when faiss throws.
   */
  run<T>(call: () => T, what: string): T {
    const { addon, threadsAtLoad } = this.loaded;
    const threads = this.#options.threads;
    if (addon.patchcore) {
      addon.patchcore.setNumThreads(threads);
    } else if (threadsAtLoad !== threads && !this.#warnedThreads) {
      this.#warnedThreads = true;
      this.#options.logger.warn(
        `threads = ${threads} ignored: the upstream faiss-node addon keeps the ` +
          `${threadsAtLoad} thread(s) it loaded with (set OMP_NUM_THREADS before start)`,
      );
    }
    try {
      return call();
    } catch (error) {
      if (error instanceof PatchcoreError) throw error;
      // Past the JavaScript guards, what faiss still refuses is a property of the index type
      // (or its parameters) applied to this data.
      throw new InvalidConfigError('index', `faiss failed while ${what}: ${String(error)}`, {
        cause: error,
      });
    }
  }

  /**
   * Creates an empty L2 index from a factory string.
   *
   * @param dimension - D.
   * @param description - factory string.
   * @returns the index.
   * @throws {@link InvalidConfigError} (key `index`) when faiss rejects the string.
   */
  createIndex(dimension: number, description: string): FaissIndex {
    const { addon } = this.loaded;
    try {
      return addon.Index.fromFactory(dimension, description, METRIC_L2);
    } catch (error) {
      throw new InvalidConfigError(
        'index',
        `faiss rejected index '${description}' for dimension ${dimension}: ${String(error)}`,
        { cause: error },
      );
    }
  }
}
