/**
 * The benchmark harness: measures every speed and memory figure the toolkit promises
 * (samplers, memory bank, backbone, end to end), each variant in a child process of its own,
 * and writes `results.json` and `results.md`.
 *
 * @packageDocumentation
 */
export { runBenchmarks } from './run-benchmarks.js';
export type { BenchmarkRun } from './run-benchmarks.js';
export { resolveBenchmarkOptions } from './benchmark-options.js';
export type { BenchmarkOptions, ResolvedBenchmarkOptions } from './benchmark-options.js';
export { listBenchmarkCases } from './list-benchmark-cases.js';
export type { BenchmarkCaseInfo } from './list-benchmark-cases.js';
export { renderResultsMarkdown, formatNumber } from './results-markdown.js';
export { summarize } from './stats.js';
export type { Summary } from './stats.js';
export type {
  BenchmarkMode,
  BenchmarkCase,
  BenchmarkVariant,
  CaseContext,
  CaseSession,
  IterationReport,
  VariantFigures,
  ParamValue,
} from './benchmark-case.js';
export { CaseUnavailableError } from './benchmark-case.js';
export type {
  BenchmarkResults,
  VariantResult,
  VariantStatus,
  MachineFacts,
} from './benchmark-results.js';
export type { RepeatPolicy } from './measure-variant.js';
