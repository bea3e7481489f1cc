import { silentLogger } from '@patchcore/core';
import type { FeatureSampler, Logger, SamplerName } from '@patchcore/core';
import { createSampler } from './create-sampler.js';
import { coverageRadius } from './kernels/coverage-radius.js';
import { syntheticFeatures } from './kernels/synthetic-features.js';

/** Options of {@link benchmarkSamplers}. */
export interface SamplerBenchmarkOptions {
  /**
   * Row counts N to measure.
   * @defaultValue [20000, 50000, 164000]
   */
  readonly sizes?: readonly number[];
  /**
   * Feature dimension D.
   * @defaultValue 1024
   */
  readonly dims?: number;
  /**
   * Share kept.
   * @defaultValue 0.1
   */
  readonly percentage?: number;
  /**
   * Timed runs per case (after no warm-up: the first run includes backend start-up).
   * @defaultValue 1
   */
  readonly repeats?: number;
  /**
   * Samplers to measure.
   * @defaultValue ['random', 'greedy_coreset', 'approx_greedy_coreset']
   */
  readonly samplers?: readonly SamplerName[];
  /**
   * Receives one line per finished case.
   * @defaultValue `silentLogger`
   */
  readonly logger?: Logger;
}

/** One measured case. */
export interface SamplerBenchmarkResult {
  /** Sampler name. */
  readonly name: SamplerName;
  /** N. */
  readonly rows: number;
  /** D. */
  readonly dims: number;
  /** Share kept. */
  readonly percentage: number;
  /** Median wall time of `select`, ms. */
  readonly medianMs: number;
  /** Fastest run, ms. */
  readonly minMs: number;
  /** Slowest run, ms. */
  readonly maxMs: number;
  /** Mean CPU time of `select` over all threads of the process, ms. */
  readonly cpuMs: number;
  /** Peak resident set size of the whole process so far (`process.resourceUsage().maxRSS`). */
  readonly peakRssBytes: number;
  /** Bytes of the input matrix, for comparison with the peak. */
  readonly inputBytes: number;
  /** Coverage radius on the original rows: exact up to 512 rows, else the largest over a seeded
   * sample of 512 rows (a lower bound). */
  readonly coverageRadius: number;
}

/**
 * Measures samplers on seeded synthetic features shaped like CNN patch features (non-negative
 * clustered mixture). Runs in this process: run one case per process for a meaningful
 * `peakRssBytes` (bench/samplers.bench.ts does).
 *
 * @param options - sizes, dimension, percentage, repeats, samplers.
 * @returns one result per sampler and size.
 * @example
 * ```ts
 * const results = await benchmarkSamplers({ sizes: [20000], repeats: 3 });
 * ```
 */
export async function benchmarkSamplers(
  options: SamplerBenchmarkOptions = {},
): Promise<SamplerBenchmarkResult[]> {
  const sizes = options.sizes ?? [20000, 50000, 164000];
  const dims = options.dims ?? 1024;
  const percentage = options.percentage ?? 0.1;
  const repeats = options.repeats ?? 1;
  const names = options.samplers ?? ['random', 'greedy_coreset', 'approx_greedy_coreset'];
  const logger = options.logger ?? silentLogger;
  const results: SamplerBenchmarkResult[] = [];
  for (const rows of sizes) {
    const features = syntheticFeatures(rows, dims, 0);
    for (const name of names) {
      const sampler: FeatureSampler = createSampler({ name, percentage }, logger);
      const times: number[] = [];
      let indices: Int32Array = new Int32Array(0);
      let cpuMs = 0;
      for (let r = 0; r < repeats; r++) {
        const cpu = process.cpuUsage();
        const started = performance.now();
        indices = (await sampler.select(features)).coresetIndices;
        times.push(performance.now() - started);
        const used = process.cpuUsage(cpu);
        cpuMs += (used.user + used.system) / 1000;
      }
      times.sort((a, b) => a - b);
      const result: SamplerBenchmarkResult = {
        name,
        rows,
        dims,
        percentage,
        medianMs: times[Math.floor(times.length / 2)] ?? 0,
        minMs: times[0] ?? 0,
        maxMs: times[times.length - 1] ?? 0,
        cpuMs: cpuMs / repeats,
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
        inputBytes: features.data.byteLength,
        coverageRadius: coverageRadius(features, indices, 512),
      };
      logger.info(() => `samplers bench: ${JSON.stringify(result)}`);
      results.push(result);
    }
  }
  return results;
}
