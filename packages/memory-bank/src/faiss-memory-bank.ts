import { readFile } from 'node:fs/promises';
import {
  InvalidConfigError,
  InvalidFileError,
  InvalidStateError,
  NativeDependencyError,
  assertIntegerInRange,
  createHostMatrix,
  writeFileAtomic,
} from '@patchcore/core';
import type {
  HostMatrix,
  MemoryBank,
  MemoryBankDescription,
  NeighborSearchResult,
} from '@patchcore/core';
import { decodeBankFile, encodeBankFile } from './bank-file.js';
import { recomputeDirectDistances, repairMissingNeighbors } from './exact-search.js';
import { FAISS_SETUP_HINT } from './faiss-addon.js';
import type { FaissIndex } from './faiss-addon.js';
import { FaissSession } from './faiss-session.js';
import { resolveFaissMemoryBankOptions } from './faiss-memory-bank-options.js';
import type {
  FaissMemoryBankOptions,
  ResolvedFaissMemoryBankOptions,
} from './faiss-memory-bank-options.js';
import { readIndexBytes, withTemporaryFile } from './faiss-index-file.js';
import { indexRequirements } from './index-factory.js';
import type { SearchTimings } from './search-timings.js';
import { validateMatrix } from './validate-matrix.js';

/**
 * The memory bank on faiss (SPEC §4.1): an exact `IndexFlatL2` by default, or any faiss index
 * factory string, trained on the bank's own rows when the index type needs it. Search returns
 * squared L2 distances.
 *
 * @remarks
 * Memory: besides faiss's own copy (M·D·4 bytes for `'Flat'`, M·m bytes of codes for PQ) the
 * bank keeps a host copy of the rows, another M·D·4 bytes (64 MiB for 16,385 × 1024), so that
 * {@link FaissMemoryBank.rows} works for every index type and saving needs no faiss read-back.
 * Every input is checked in JavaScript before native code runs. The calls are synchronous
 * underneath: a search blocks the event loop for its duration.
 *
 * @example
 * ```ts
 * const memoryBank = new FaissMemoryBank({ index: 'Flat', threads: 1 });
 * await memoryBank.build(createHostMatrix(coreset, coresetRows, 1024));
 * const { distances } = await memoryBank.search(createHostMatrix(patches, 784, 1024), 1);
 * ```
 */
export class FaissMemoryBank implements MemoryBank {
  /** The validated options. */
  readonly options: ResolvedFaissMemoryBankOptions;
  readonly #session: FaissSession;
  #index: FaissIndex | undefined;
  #rows: Float32Array | undefined;
  #indexType: string;
  #size = 0;
  #dimension = 0;
  #timings: SearchTimings | undefined;

  /**
   * @param options - index type, threads, search parameters, boundary mode, logger.
   * @throws {@link InvalidConfigError} for an invalid option (the addon loads lazily, on the
   *   first build or load).
   */
  constructor(options: FaissMemoryBankOptions = {}) {
    this.options = resolveFaissMemoryBankOptions(options);
    this.#indexType = this.options.index;
    this.#session = new FaissSession(this.options);
  }

  /**
   * Checks, before any rows exist, that faiss accepts this bank's index factory string for rows
   * of `dimension` and its search parameters: faiss parses the string into an empty index, which
   * is then dropped. A caller can so refuse a typo (`'HNSW'`, `'IVF512,PQ60'` for D = 1024) or
   * an unsuitable parameter before spending minutes on feature extraction.
   *
   * @param dimension - the row dimension D the bank will hold. @defaultValue the `dimension`
   *   option
   * @throws {@link InvalidConfigError} (key `index`) when faiss rejects the string or D does not
   *   suit it, or a search parameter the index does not know; RangeError when no dimension is
   *   known.
   * @throws {@link NativeDependencyError} when the faiss-node addon cannot load.
   */
  checkIndex(dimension: number | undefined = this.options.dimension): void {
    if (dimension === undefined || !Number.isInteger(dimension) || dimension < 1) {
      throw new RangeError(
        `checkIndex needs a positive integer dimension (or the dimension option), got ${dimension}`,
      );
    }
    const requirements = indexRequirements(this.#indexType);
    if (dimension % requirements.dimensionMultiple !== 0) {
      throw new InvalidConfigError(
        'index',
        `index '${this.#indexType}' needs a dimension divisible by ` +
          `${requirements.dimensionMultiple}, got ${dimension}`,
      );
    }
    const index = this.#session.createIndex(dimension, this.#indexType);
    this.#applySearchParameters(index, this.#indexType);
  }

  /** Number of rows M (0 before build or load). */
  get size(): number {
    return this.#size;
  }

  /** Row dimension D (0 before build or load). */
  get dimension(): number {
    return this.#dimension;
  }

  /** The fewest rows `build` accepts for this bank's index type (1 when it needs no training). */
  get minimumRows(): number {
    return Math.max(1, indexRequirements(this.#indexType).minimumRows);
  }

  /** Timing split of the most recent search, or undefined before the first one. */
  get lastSearchTimings(): SearchTimings | undefined {
    return this.#timings;
  }

  /**
   * How arrays cross into faiss-node: `'typed'` (zero copy, patched addon) or `'array'`.
   *
   * @throws {@link NativeDependencyError} when the addon cannot load, or `'typed'` was asked
   *   for and the addon is not the project's patched build.
   */
  get boundary(): 'typed' | 'array' {
    return this.#session.boundary;
  }

  /**
   * Replaces the contents with `features` [M, D], training the index first when its type
   * needs it. On failure the previous contents stay.
   *
   * @param features - the coreset rows [M, D]; copied, the caller keeps ownership.
   * @throws TypeError, {@link ShapeMismatchError}, {@link NonFiniteValueError} for bad input.
   * @throws RangeError when M = 0 or M is below what the index type needs to train.
   * @throws {@link InvalidConfigError} when D does not suit the index type or faiss rejects it.
   * @throws {@link NativeDependencyError} when faiss-node cannot load.
   */
  build(features: HostMatrix): Promise<void> {
    return Promise.resolve().then(() => {
      const matrix = validateMatrix('features', features, this.options.dimension);
      const { requirements } = this.options;
      if (matrix.rows < Math.max(1, requirements.minimumRows) || matrix.dims < 1) {
        throw new RangeError(
          `features must hold at least ${Math.max(1, requirements.minimumRows)} row(s) of ` +
            `dimension >= 1 for index '${this.#indexType}', got [${matrix.rows}, ${matrix.dims}]`,
        );
      }
      if (matrix.dims % requirements.dimensionMultiple !== 0) {
        throw new InvalidConfigError(
          'index',
          `index '${this.#indexType}' needs a dimension divisible by ` +
            `${requirements.dimensionMultiple}, got ${matrix.dims}`,
        );
      }
      // Resolving the boundary first throws NativeDependencyError for 'typed' on upstream's addon.
      const boundary = this.boundary;
      this.options.logger.debug(
        () =>
          `building '${this.#indexType}' from [${matrix.rows}, ${matrix.dims}], ${boundary} boundary`,
      );
      const rows = matrix.data.slice();
      const index = this.#session.createIndex(matrix.dims, this.#indexType);
      this.#session.run(() => {
        if (!index.isTrained()) index.train(this.#session.toNative(rows));
        index.add(this.#session.toNative(rows));
      }, `building index '${this.#indexType}' from [${matrix.rows}, ${matrix.dims}]`);
      this.#commit(index, rows, matrix.rows, matrix.dims, this.#indexType);
    });
  }

  /**
   * Finds the k nearest memory-bank rows of each query row. For the exact `'Flat'` index the
   * distances of the rows faiss returns are recomputed from direct differences, Σ(x − y)²
   * (SPEC §4.1), so a row's distance to itself is 0. Which rows are returned is still faiss's
   * float32 choice: for rows far from the origin relative to their spread, a row other than the
   * true nearest can come back (see the package README, "Index types").
   *
   * @param queries - [Q, D] query patches.
   * @param k - neighbours per query, an integer in [1, size].
   * @returns squared L2 distances and row indices [Q, k], ascending per query.
   * @throws {@link InvalidStateError} before build or load.
   * @throws {@link ShapeMismatchError} when the queries' D differs from the bank's.
   * @throws {@link NonFiniteValueError} for NaN or infinite query values.
   * @throws RangeError for k outside [1, size].
   */
  search(queries: HostMatrix, k: number): Promise<NeighborSearchResult> {
    return Promise.resolve().then(() => this.#searchNow(queries, k));
  }

  /**
   * Returns copies of memory-bank rows, in the order given.
   *
   * @param indices - row indices, each an integer in [0, size).
   * @returns [indices.length, D].
   * @throws {@link InvalidStateError} before build or load.
   * @throws RangeError naming the first index out of range.
   */
  rows(indices: ArrayLike<number>): HostMatrix {
    const rows = this.#requireRows('rows');
    const dimension = this.#dimension;
    const out = new Float32Array(indices.length * dimension);
    for (let i = 0; i < indices.length; i++) {
      const row = indices[i] as number;
      assertIntegerInRange(`indices[${i}]`, row, 0, this.#size - 1);
      out.set(rows.subarray(row * dimension, (row + 1) * dimension), i * dimension);
    }
    return createHostMatrix(out, indices.length, dimension);
  }

  /**
   * Writes the bank to `path` atomically (temporary file, then rename): header, rows, and for
   * non-`'Flat'` indexes faiss's serialised index.
   *
   * @param path - destination file.
   * @throws {@link InvalidStateError} before build or load.
   * @throws {@link InvalidFileError} when the file cannot be written (cause: the fs error).
   */
  async save(path: string): Promise<void> {
    const rows = this.#requireRows('save');
    const index = this.#index as FaissIndex;
    const indexBytes = indexRequirements(this.#indexType).exact
      ? new Uint8Array(0)
      : await withTemporaryFile((temp) => {
          this.#session.run(() => index.write(temp), `serialising index '${this.#indexType}'`);
          return readFile(temp);
        });
    const meta = {
      kind: 'faiss',
      index: this.#indexType,
      size: this.#size,
      dimension: this.#dimension,
    };
    try {
      await writeFileAtomic(path, encodeBankFile(meta, rows, indexBytes));
    } catch (error) {
      throw new InvalidFileError(path, `cannot write the memory bank: ${String(error)}`, {
        cause: error,
      });
    }
  }

  /**
   * Replaces the contents with the bank stored at `path`, including its index type.
   *
   * @param path - a file written by {@link FaissMemoryBank.save}.
   * @throws {@link InvalidFileError} when the file is missing, truncated, not a memory-bank
   *   file, fails its checksum, has another dimension than the `dimension` option, or faiss
   *   cannot read its index. The previous contents stay.
   */
  async load(path: string): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new InvalidFileError(path, `cannot read the memory bank: ${String(error)}`, {
        cause: error,
      });
    }
    const { header, rows, indexBytes } = decodeBankFile(path, bytes);
    const fail = (reason: string, cause?: unknown): never => {
      throw new InvalidFileError(path, reason, cause === undefined ? undefined : { cause });
    };
    if (header.kind !== 'faiss') fail(`memory bank of kind '${header.kind}', expected 'faiss'`);
    if (this.options.dimension !== undefined && header.dimension !== this.options.dimension) {
      fail(`memory bank of dimension ${header.dimension}, expected ${this.options.dimension}`);
    }
    if (header.size < 1 || header.dimension < 1)
      fail(`empty memory bank [${header.size}, ${header.dimension}]`);
    let exact = false;
    try {
      exact = indexRequirements(header.index).exact;
    } catch (error) {
      fail(`unsupported index '${header.index}'`, error);
    }
    if (!exact && indexBytes.length === 0) fail(`index '${header.index}' has no faiss bytes`);
    const index = exact
      ? this.#session.createIndex(header.dimension, header.index)
      : await readIndexBytes(this.#session.loaded.addon, path, indexBytes);
    if (exact)
      this.#session.run(
        () => index.add(this.#session.toNative(rows)),
        `rebuilding index from ${path}`,
      );
    if (index.getDimension() !== header.dimension || index.ntotal() !== header.size) {
      fail(
        `faiss index holds [${index.ntotal()}, ${index.getDimension()}], header says [${header.size}, ${header.dimension}]`,
      );
    }
    if (header.index !== this.options.index) {
      this.options.logger.info(
        `${path}: index '${header.index}' (options said '${this.options.index}')`,
      );
    }
    this.#commit(index, rows, header.size, header.dimension, header.index);
  }

  /** Kind `'faiss'`, index factory string, size, dimension and the search parameters set. */
  describe(): MemoryBankDescription {
    const { searchParameters } = this.options;
    return {
      kind: 'faiss',
      index: this.#indexType,
      size: this.#size,
      dimension: this.#dimension,
      ...(Object.keys(searchParameters).length === 0 ? {} : { searchParameters }),
    };
  }

  /** Drops the index and the host rows (faiss frees its memory when the object is collected). */
  dispose(): void {
    this.#index = undefined;
    this.#rows = undefined;
    this.#size = 0;
    this.#dimension = 0;
  }

  #searchNow(queries: HostMatrix, k: number): NeighborSearchResult {
    const started = performance.now();
    const rows = this.#requireRows('search');
    const matrix = validateMatrix('queries', queries, this.#dimension);
    assertIntegerInRange('k', k, 1, this.#size);
    const boundary = this.boundary;
    const validated = performance.now();
    const input = this.#session.toNative(matrix.data);
    const converted = performance.now();
    const output =
      matrix.rows === 0
        ? { distances: new Float32Array(0), labels: new Int32Array(0) }
        : this.#session.run(() => (this.#index as FaissIndex).search(input, k), 'searching');
    const searched = performance.now();
    const distances =
      output.distances instanceof Float32Array
        ? output.distances
        : Float32Array.from(output.distances);
    const neighborIndices =
      output.labels instanceof Int32Array ? output.labels : Int32Array.from(output.labels);
    const repaired = repairMissingNeighbors(rows, matrix, k, distances, neighborIndices);
    if (indexRequirements(this.#indexType).exact) {
      recomputeDirectDistances(rows, matrix, k, distances, neighborIndices);
    }
    if (repaired > 0) {
      this.options.logger.debug(
        `index '${this.#indexType}' returned fewer than k = ${k} rows for ${repaired} of ` +
          `${matrix.rows} queries; those were searched exactly`,
      );
    }
    const finished = performance.now();
    this.#timings = {
      boundary,
      validateMs: validated - started,
      convertInMs: converted - validated,
      nativeMs: searched - converted,
      convertOutMs: finished - searched,
    };
    return { queryCount: matrix.rows, k, distances, neighborIndices };
  }

  #requireRows(operation: string): Float32Array {
    if (!this.#rows || !this.#index) {
      throw new InvalidStateError(
        `${operation} called on an empty memory bank: call build(features) or load(path) first`,
      );
    }
    return this.#rows;
  }

  #applySearchParameters(index: FaissIndex, type: string): void {
    for (const [name, value] of Object.entries(this.options.searchParameters)) {
      if (!index.setParameter) {
        throw new NativeDependencyError(
          'faiss-node',
          `searchParameters.${name} needs the project's patched faiss-node addon. ${FAISS_SETUP_HINT}`,
        );
      }
      const set = index.setParameter.bind(index);
      try {
        this.#session.run(() => set(name, value), `setting ${name} = ${value} on '${type}'`);
      } catch (error) {
        throw new InvalidConfigError(
          `searchParameters.${name}`,
          `searchParameters.${name} = ${value} does not apply to index '${type}' ` +
            '(nprobe is for IVF indexes, efSearch for HNSW)',
          { cause: error },
        );
      }
    }
  }

  #commit(
    index: FaissIndex,
    rows: Float32Array,
    size: number,
    dimension: number,
    type: string,
  ): void {
    this.#applySearchParameters(index, type);
    this.#index = index;
    this.#rows = rows;
    this.#size = size;
    this.#dimension = dimension;
    this.#indexType = type;
  }
}
