import type { HostMatrix } from './host-matrix.js';

/** The k nearest memory-bank rows of each query. */
export interface NeighborSearchResult {
  /** Number of queries Q. */
  readonly queryCount: number;
  /** Neighbours per query k. */
  readonly k: number;
  /** Squared L2 distances [Q, k], ascending within each query. */
  readonly distances: Float32Array;
  /** Memory-bank row indices [Q, k], aligned with `distances`. */
  readonly neighborIndices: Int32Array;
}

/** What a memory bank records about itself in a model manifest. */
export interface MemoryBankDescription {
  /** Implementation, e.g. `'faiss'` or `'in-memory'`. */
  readonly kind: string;
  /** Index type, e.g. faiss's factory string `'Flat'` or `'IVF512,PQ64'`. */
  readonly index: string;
  /** Number of rows M. */
  readonly size: number;
  /** Row dimension D. */
  readonly dimension: number;
  /**
   * Settings that change search results and must come back with the bank (faiss: `nprobe`,
   * `efSearch`); absent when there are none.
   */
  readonly searchParameters?: Readonly<Record<string, number>>;
}

/**
 * The memory bank contract: holds the coreset features and answers nearest-neighbour queries
 * with squared L2 distances.
 */
export interface MemoryBank {
  /** Number of rows M held (0 before {@link MemoryBank.build}). */
  readonly size: number;
  /** Row dimension D (0 before build or load). */
  readonly dimension: number;
  /**
   * The fewest rows {@link MemoryBank.build} accepts (e.g. an IVF index with 512 lists needs 512
   * rows to train), for banks that have such a floor; the orchestrator checks it before sampling.
   */
  readonly minimumRows?: number;
  /**
   * Replaces the contents with `features` [M, D] (training the index first when its type needs it).
   *
   * @param features - the coreset rows.
   */
  build(features: HostMatrix): Promise<void>;
  /**
   * Finds the k nearest rows of each query row.
   *
   * @param queries - [Q, D] query patches.
   * @param k - neighbours per query, 1 ≤ k ≤ size.
   */
  search(queries: HostMatrix, k: number): Promise<NeighborSearchResult>;
  /**
   * Returns copies of the rows with the given indices, in that order: [indices.length, D].
   *
   * @param indices - memory-bank row indices.
   */
  rows(indices: ArrayLike<number>): HostMatrix;
  /**
   * Writes the bank to `path` atomically (temporary file, then rename).
   *
   * @param path - destination file.
   */
  save(path: string): Promise<void>;
  /**
   * Replaces the contents with the bank stored at `path`.
   *
   * @param path - a file written by {@link MemoryBank.save}.
   */
  load(path: string): Promise<void>;
  /** Kind, index type, size and dimension. */
  describe(): MemoryBankDescription;
  /** Frees native resources. The bank is empty afterwards. */
  dispose(): void;
}
