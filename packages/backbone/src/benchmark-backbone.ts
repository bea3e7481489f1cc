import { performance } from 'node:perf_hooks';
import type { Logger } from '@patchcore/core';
import { assertIntegerInRange, silentLogger } from '@patchcore/core';
import { DEFAULT_BACKBONE } from './known-backbones.js';
import { loadBackbone } from './load-backbone.js';

/** Options of {@link benchmarkBackbone}. */
export interface BenchmarkBackboneOptions {
  /** Backbone name or ONNX path. @defaultValue 'mobilenetv2' */
  readonly backbone?: string;
  /** Batch sizes to time. @defaultValue [1, 8] */
  readonly batchSizes?: readonly number[];
  /** Timed runs per batch size. @defaultValue 20 */
  readonly repeats?: number;
  /** Untimed runs first, per batch size. @defaultValue 3 */
  readonly warmup?: number;
  /** onnxruntime intra-op threads. @defaultValue 2 */
  readonly intraOpThreads?: number;
  /** Let onnxruntime's threads spin while idle. @defaultValue false */
  readonly intraOpSpinning?: boolean;
  /** [3, H, W]. @defaultValue [3, 224, 224] */
  readonly inputShape?: readonly [number, number, number];
  /** Folder of known backbones. @defaultValue the backbone package's default */
  readonly modelsDir?: string;
  /** Receives one line per batch size. @defaultValue silentLogger */
  readonly logger?: Logger;
}

/** Timing of one batch size, in milliseconds per image (run time / batch size). */
export interface BackboneTiming {
  readonly batchSize: number;
  readonly repeats: number;
  readonly msPerImage: { readonly median: number; readonly min: number; readonly max: number };
  /**
   * Process CPU time per image (user + system, all threads, mean over the runs). Less
   * sensitive than wall time to other processes on a busy machine; includes onnxruntime's
   * thread-pool spinning.
   */
  readonly cpuMsPerImage: number;
}

/** Result of {@link benchmarkBackbone}. */
export interface BackboneBenchmark {
  readonly backbone: string;
  readonly intraOpThreads: number;
  readonly inputShape: readonly [number, number, number];
  readonly timings: readonly BackboneTiming[];
}

/**
 * Times `extract` (inference only, no image decoding) on fixed pseudo-random input.
 *
 * @param options - backbone, batch sizes, repeats, threads.
 * @returns milliseconds per image for each batch size: median, min and max over `repeats`.
 * @throws RangeError for a non-positive batch size or repeat count.
 */
export async function benchmarkBackbone(
  options: BenchmarkBackboneOptions = {},
): Promise<BackboneBenchmark> {
  const name = options.backbone ?? DEFAULT_BACKBONE;
  const batchSizes = options.batchSizes ?? [1, 8];
  const repeats = options.repeats ?? 20;
  const warmup = options.warmup ?? 3;
  const intraOpThreads = options.intraOpThreads ?? 2;
  const inputShape = options.inputShape ?? [3, 224, 224];
  const logger = options.logger ?? silentLogger;
  assertIntegerInRange('repeats', repeats, 1, 1_000_000);
  assertIntegerInRange('warmup', warmup, 0, 1_000_000);
  for (const size of batchSizes) assertIntegerInRange('batchSizes[]', size, 1, 4096);

  const backbone = await loadBackbone(name, {
    intraOpThreads,
    intraOpSpinning: options.intraOpSpinning ?? false,
    inputShape,
    ...(options.modelsDir === undefined ? {} : { modelsDir: options.modelsDir }),
  });
  try {
    const timings: BackboneTiming[] = [];
    for (const batchSize of batchSizes) {
      const shape = [batchSize, ...inputShape] as [number, number, number, number];
      const batch = {
        data: pseudoRandom(batchSize * inputShape[0] * inputShape[1] * inputShape[2]),
        shape,
      };
      for (let i = 0; i < warmup; i++) await backbone.extract(batch);
      const samples: number[] = [];
      const cpuBefore = process.cpuUsage();
      for (let i = 0; i < repeats; i++) {
        const start = performance.now();
        await backbone.extract(batch);
        samples.push((performance.now() - start) / batchSize);
      }
      const cpu = process.cpuUsage(cpuBefore);
      samples.sort((a, b) => a - b);
      const timing = {
        cpuMsPerImage: (cpu.user + cpu.system) / 1000 / (repeats * batchSize),
        batchSize,
        repeats,
        msPerImage: { median: median(samples), min: samples[0] ?? NaN, max: samples.at(-1) ?? NaN },
      };
      logger.info(
        () =>
          `backbone ${name} batch ${batchSize}: ${timing.msPerImage.median.toFixed(2)} ms/image median ` +
          `(min ${timing.msPerImage.min.toFixed(2)}, max ${timing.msPerImage.max.toFixed(2)}, ` +
          `CPU ${timing.cpuMsPerImage.toFixed(2)} ms/image, ${repeats} runs, ${intraOpThreads} threads)`,
      );
      timings.push(timing);
    }
    return { backbone: name, intraOpThreads, inputShape, timings };
  } finally {
    await backbone.dispose();
  }
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Values in [0, 1) from a fixed linear congruential sequence (no Math.random: repeatable). */
function pseudoRandom(length: number): Float32Array {
  const out = new Float32Array(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 4294967296;
  }
  return out;
}
