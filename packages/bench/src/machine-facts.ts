import { availableParallelism, cpus, loadavg, totalmem, platform, arch } from 'node:os';
import type { MachineFacts } from './benchmark-results.js';
import type { VariantResult } from './benchmark-results.js';

/**
 * Collects the facts every figure depends on: cores, CPU, memory, load, Node version, and the
 * thread count and tensor backend used.
 *
 * @param faissThreads - the OMP_NUM_THREADS the children ran with.
 * @param results - the variants run; the first `tensorBackend` fact among them is reported.
 * @param loadAverage1m - the one-minute load average when the run started.
 * @returns the facts.
 */
export function collectMachineFacts(
  faissThreads: number,
  results: readonly VariantResult[],
  loadAverage1m: number = loadavg()[0] ?? 0,
): MachineFacts {
  const backend = results.find((result) => typeof result.facts['tensorBackend'] === 'string');
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    totalMemoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage1m,
    nodeVersion: process.version,
    platform: `${platform()} ${arch()}`,
    faissThreads,
    tensorBackend: String(backend?.facts['tensorBackend'] ?? 'unknown'),
  };
}
