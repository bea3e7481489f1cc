/**
 * The faiss memory bank of the PatchCore toolkit: a faiss index (exact `IndexFlatL2` by default)
 * of the coreset features, k-nearest-neighbour search with squared L2 distances, patch scores,
 * the neighbourhoods the paper's re-weighting needs, bank files, and a benchmark.
 *
 * @packageDocumentation
 */
export { FaissMemoryBank } from './faiss-memory-bank.js';
export {
  FAISS_MEMORY_BANK_DEFAULTS,
  resolveFaissMemoryBankOptions,
} from './faiss-memory-bank-options.js';
export type {
  FaissBoundary,
  FaissMemoryBankOptions,
  ResolvedFaissMemoryBankOptions,
} from './faiss-memory-bank-options.js';
export type { SearchTimings } from './search-timings.js';
export { indexRequirements } from './index-factory.js';
export type { IndexRequirements } from './index-factory.js';
export { BANK_FILE_MAGIC, BANK_FILE_VERSION } from './bank-file.js';
export { patchScoresFromNeighbors } from './patch-scores.js';
export { bankRowNeighbors } from './bank-row-neighbors.js';
export {
  benchmarkMemoryBank,
  describeRecord,
  DEFAULT_BENCHMARK_VARIANTS,
} from './benchmark-memory-bank.js';
export type {
  MemoryBankBenchmarkOptions,
  MemoryBankBenchmarkRecord,
  MemoryBankBenchmarkVariant,
  TimingSummary,
} from './benchmark-memory-bank.js';
