import type { BenchmarkMode, ParamValue } from './benchmark-case.js';
import type { Summary } from './stats.js';

/** How a variant ended. */
export type VariantStatus = 'ok' | 'skipped' | 'failed';

/** The measurements of one variant. */
export interface VariantResult {
  /** The case's name. */
  readonly case: string;
  /** The variant's id. */
  readonly variant: string;
  /** The variant's parameters. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Id of the variant this one is compared with, when there is one. */
  readonly relativeTo?: string;
  /** `ok`; `skipped` when a package or data set is missing; `failed` on an error or timeout. */
  readonly status: VariantStatus;
  /** Why it was skipped or failed. */
  readonly reason?: string;
  /** Warm-up runs before the measured ones (0 when a single run is slow enough to stand alone). */
  readonly warmupRuns: number;
  /** `wall` (the whole timed call) and any per-stage timings, in milliseconds. */
  readonly timingsMs: Readonly<Record<string, Summary>>;
  /** Quality and size figures, unit in the name. */
  readonly figures: Readonly<Record<string, number>>;
  /** Facts about how it ran. */
  readonly facts: Readonly<Record<string, ParamValue>>;
  /** Resident memory when the measured runs began (inputs loaded), MiB. */
  readonly baseRssMiB?: number;
  /** Peak resident memory of the child process during the measured runs, MiB. */
  readonly peakRssMiB?: number;
  /** Peak resident memory of the child process over its whole life, MiB. */
  readonly processPeakRssMiB?: number;
  /** Wall time of the whole child process, setup included, in milliseconds. */
  readonly elapsedMs: number;
}

/** Facts about the machine and settings every figure was measured with. */
export interface MachineFacts {
  /** Logical cores Node sees. */
  readonly cores: number;
  /** CPU model. */
  readonly cpuModel: string;
  /** Total memory, GiB. */
  readonly totalMemoryGiB: number;
  /** Load average over one minute when the run started (others share the machine). */
  readonly loadAverage1m: number;
  /** `process.version`. */
  readonly nodeVersion: string;
  /** `os.platform()` and `os.arch()`. */
  readonly platform: string;
  /** OMP_NUM_THREADS given to every child: the thread count of faiss and OpenBLAS. */
  readonly faissThreads: number;
  /** Tensor backend the samplers reported (`'unknown'` when no sampler case ran). */
  readonly tensorBackend: string;
}

/** Everything one run of the harness measured: what `results.json` holds. */
export interface BenchmarkResults {
  /** Format version of this object. */
  readonly schemaVersion: 1;
  /** Quick or full. */
  readonly mode: BenchmarkMode;
  /** ISO time the run started. */
  readonly startedAt: string;
  /** Wall time of the whole run, in milliseconds. */
  readonly elapsedMs: number;
  /** Machine and settings. */
  readonly machine: MachineFacts;
  /** One entry per variant, in run order. */
  readonly results: readonly VariantResult[];
}
