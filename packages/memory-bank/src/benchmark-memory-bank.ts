import { silentLogger } from '@patchcore/core';
import type { HostMatrix, Logger, NeighborSearchResult } from '@patchcore/core';
import { FaissMemoryBank } from './faiss-memory-bank.js';
import type { FaissBoundary } from './faiss-memory-bank-options.js';
import { syntheticFeatures } from './synthetic-features.js';

/** One index configuration to benchmark. */
export interface MemoryBankBenchmarkVariant {
  /** faiss index factory string. */
  readonly index: string;
  /** Boundary mode. @defaultValue `'auto'` */
  readonly boundary?: FaissBoundary;
  /** Search parameters such as `{ nprobe: 8 }`. @defaultValue `{}` */
  readonly searchParameters?: Readonly<Record<string, number>>;
}

/** Options of {@link benchmarkMemoryBank}. */
export interface MemoryBankBenchmarkOptions {
  /** Memory-bank rows M (ignored when `features` is given). @defaultValue 16385 */
  readonly bankRows?: number;
  /** Row dimension D (ignored when `features` is given). @defaultValue 1024 */
  readonly dims?: number;
  /** Query rows Q (ignored when `queries` is given). @defaultValue 784 */
  readonly queries?: number;
  /** Timed searches per variant, after one warm-up. @defaultValue 5 */
  readonly repeats?: number;
  /** Neighbours per query. @defaultValue 1 */
  readonly k?: number;
  /** Threads. @defaultValue 1 */
  readonly threads?: number;
  /** Configurations. @defaultValue {@link DEFAULT_BENCHMARK_VARIANTS} */
  readonly variants?: readonly MemoryBankBenchmarkVariant[];
  /** Real memory-bank rows [M, D]; synthetic rows (see `syntheticFeatures`) when absent. */
  readonly features?: HostMatrix;
  /** Real query rows [Q, D]; synthetic rows from the same mixture when absent. */
  readonly queryFeatures?: HostMatrix;
  /** Seed of the synthetic data. @defaultValue 7 */
  readonly seed?: number;
  /** Receives one info line per variant. @defaultValue silentLogger */
  readonly logger?: Logger;
}

/** Median, minimum and maximum of repeated timings, in milliseconds. */
export interface TimingSummary {
  /** Median. */
  readonly median: number;
  /** Minimum. */
  readonly min: number;
  /** Maximum. */
  readonly max: number;
}

/** The result for one variant: plain data, ready for JSON. */
export interface MemoryBankBenchmarkRecord {
  /** Index factory string. */
  readonly index: string;
  /** Boundary mode actually used. */
  readonly boundary: 'typed' | 'array';
  /** Search parameters applied. */
  readonly searchParameters: Readonly<Record<string, number>>;
  /** Threads. */
  readonly threads: number;
  /** M, D, Q, k and the number of timed searches. */
  readonly bankRows: number;
  /** D. */
  readonly dims: number;
  /** Q. */
  readonly queries: number;
  /** k. */
  readonly k: number;
  /** Timed searches. */
  readonly repeats: number;
  /** Building the index (conversion, training and adding), one run. */
  readonly buildMs: number;
  /** Whole `search` call. */
  readonly searchMs: TimingSummary;
  /** The addon call alone (includes the addon's own array read in `'array'` mode). */
  readonly nativeMs: TimingSummary;
  /** JavaScript-side checks and conversions (validate + convert in + convert out). */
  readonly jsSideMs: TimingSummary;
  /**
   * Boundary cost relative to the native search of the same index and search parameters in
   * `'typed'` mode, in
   * percent: (searchMs − typed nativeMs) / typed nativeMs, medians. Undefined without a
   * typed run of that index.
   */
  readonly boundaryOverheadPercent: number | undefined;
  /** Share of queries whose nearest row equals the exact search's; 1 for exact indexes. */
  readonly recallAt1: number;
}

/** The default variants: exact in both boundary modes, IVF-PQ as in R, and HNSW. */
export const DEFAULT_BENCHMARK_VARIANTS: readonly MemoryBankBenchmarkVariant[] = Object.freeze([
  { index: 'Flat', boundary: 'typed' },
  { index: 'Flat', boundary: 'array' },
  { index: 'IVF512,PQ64', boundary: 'typed' },
  { index: 'IVF512,PQ64', boundary: 'typed', searchParameters: { nprobe: 16 } },
  { index: 'HNSW32', boundary: 'typed' },
  { index: 'HNSW32', boundary: 'typed', searchParameters: { efSearch: 64 } },
]);

/**
 * Times memory-bank searches of Q query rows against M bank rows for several index types and
 * boundary modes, with top-1 recall of approximate indexes against an exact search. A benchmark,
 * not a test: run it on a quiet machine and compare variants within one run.
 *
 * @param options - sizes, repeats, variants, optional real features.
 * @returns one record per variant, in order.
 * @throws whatever {@link FaissMemoryBank} throws (e.g. `'typed'` on an unpatched addon).
 *
 * @example
 * ```ts
 * const records = await benchmarkMemoryBank({ bankRows: 16385, dims: 1024, queries: 784 });
 * ```
 */
export async function benchmarkMemoryBank(
  options: MemoryBankBenchmarkOptions = {},
): Promise<MemoryBankBenchmarkRecord[]> {
  const seed = options.seed ?? 7;
  const bank =
    options.features ?? syntheticFeatures(options.bankRows ?? 16385, options.dims ?? 1024, seed);
  const queries =
    options.queryFeatures ?? syntheticFeatures(options.queries ?? 784, bank.dims, seed + 1);
  const k = options.k ?? 1;
  const repeats = options.repeats ?? 5;
  const threads = options.threads ?? 1;
  const logger = options.logger ?? silentLogger;
  let exact: NeighborSearchResult | undefined;
  const typedNative = new Map<string, number>();
  const records: MemoryBankBenchmarkRecord[] = [];
  for (const variant of options.variants ?? DEFAULT_BENCHMARK_VARIANTS) {
    const searchParameters = variant.searchParameters ?? {};
    const memoryBank = new FaissMemoryBank({
      index: variant.index,
      boundary: variant.boundary ?? 'auto',
      threads,
      searchParameters,
    });
    const buildStarted = performance.now();
    await memoryBank.build(bank);
    const buildMs = performance.now() - buildStarted;
    const total: number[] = [];
    const native: number[] = [];
    const jsSide: number[] = [];
    let result = await memoryBank.search(queries, k);
    for (let repeat = 0; repeat < repeats; repeat++) {
      const started = performance.now();
      result = await memoryBank.search(queries, k);
      total.push(performance.now() - started);
      const timings = memoryBank.lastSearchTimings;
      if (!timings) throw new Error('search recorded no timings');
      native.push(timings.nativeMs);
      jsSide.push(timings.validateMs + timings.convertInMs + timings.convertOutMs);
    }
    exact ??= variant.index === 'Flat' ? result : await exactSearch(bank, queries, k);
    const boundary = memoryBank.boundary;
    const key = `${memoryBank.options.index} ${JSON.stringify(searchParameters)}`;
    if (boundary === 'typed' && !typedNative.has(key))
      typedNative.set(key, summarise(native).median);
    const reference = typedNative.get(key);
    const searchMs = summarise(total);
    const record: MemoryBankBenchmarkRecord = {
      index: memoryBank.options.index,
      boundary,
      searchParameters,
      threads,
      bankRows: bank.rows,
      dims: bank.dims,
      queries: queries.rows,
      k,
      repeats,
      buildMs,
      searchMs,
      nativeMs: summarise(native),
      jsSideMs: summarise(jsSide),
      boundaryOverheadPercent:
        reference === undefined ? undefined : ((searchMs.median - reference) / reference) * 100,
      recallAt1: recallAt1(result, exact),
    };
    memoryBank.dispose();
    logger.info(() => describeRecord(record));
    records.push(record);
  }
  return records;
}

/**
 * One line per record, for logs and the README.
 *
 * @param record - a benchmark record.
 * @returns e.g. `Flat typed: search 265 ms (native 264, js 1.2), build 40 ms, recall@1 1.000`.
 */
export function describeRecord(record: MemoryBankBenchmarkRecord): string {
  const parameters = Object.entries(record.searchParameters)
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
  const overhead =
    record.boundaryOverheadPercent === undefined
      ? ''
      : `, boundary +${record.boundaryOverheadPercent.toFixed(1)}%`;
  return (
    `${record.index}${parameters ? ` (${parameters})` : ''} ${record.boundary}: search ` +
    `${record.searchMs.median.toFixed(1)} ms [${record.searchMs.min.toFixed(1)}–` +
    `${record.searchMs.max.toFixed(1)}] (native ${record.nativeMs.median.toFixed(1)}, js ` +
    `${record.jsSideMs.median.toFixed(1)}${overhead}), build ${record.buildMs.toFixed(0)} ms, ` +
    `recall@1 ${record.recallAt1.toFixed(3)}`
  );
}

async function exactSearch(
  bank: HostMatrix,
  queries: HostMatrix,
  k: number,
): Promise<NeighborSearchResult> {
  const memoryBank = new FaissMemoryBank({ index: 'Flat' });
  await memoryBank.build(bank);
  const result = await memoryBank.search(queries, k);
  memoryBank.dispose();
  return result;
}

function recallAt1(result: NeighborSearchResult, exact: NeighborSearchResult): number {
  let hits = 0;
  for (let q = 0; q < result.queryCount; q++) {
    const found = result.neighborIndices[q * result.k];
    const truth = exact.neighborIndices[q * exact.k];
    // A tie at the same distance counts as found.
    if (found === truth || result.distances[q * result.k] === exact.distances[q * exact.k]) hits++;
  }
  return result.queryCount === 0 ? 1 : hits / result.queryCount;
}

function summarise(values: readonly number[]): TimingSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}
