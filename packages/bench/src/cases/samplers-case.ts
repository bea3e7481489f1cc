import type { FeatureSampler, SamplerName } from '@patchcore/core';
import type {
  BenchmarkCase,
  BenchmarkMode,
  BenchmarkVariant,
  CaseSession,
} from '../benchmark-case.js';
import { loadBenchmarkFeatures } from '../feature-data.js';
import { coverageFigures } from './coverage.js';
import { activeTensorBackend, createBenchmarkSampler } from './sampler-factory.js';

const SAMPLERS: readonly SamplerName[] = [
  'random',
  'identity',
  'greedy_coreset',
  'approx_greedy_coreset',
];

/** N per mode; 163,856 = the bottle training set (209 images × 28 × 28 patches). */
const SIZES: Readonly<Record<BenchmarkMode, { rows: readonly number[]; dims: number }>> = {
  quick: { rows: [2_000], dims: 1024 },
  full: { rows: [20_000, 50_000, 163_856], dims: 1024 },
};

const PERCENTAGE = 0.1;

function samplerVariants(mode: BenchmarkMode): BenchmarkVariant[] {
  const { rows, dims } = SIZES[mode];
  return rows.flatMap((n) =>
    SAMPLERS.map((sampler) => ({
      id: `${sampler} N=${n}`,
      params: { sampler, rows: n, dims, percentage: PERCENTAGE },
      ...(sampler === 'random' ? {} : { relativeTo: `random N=${n}` }),
    })),
  );
}

/**
 * Each sampler at N rows × D and 10%: wall time of `select`, peak memory, and for the samplers
 * that keep a subset the coverage radius of the rows they chose.
 */
export const samplersCase: BenchmarkCase = {
  name: 'samplers',
  title: 'Samplers',
  description:
    '`select` on N seeded rows × D at percentage 0.1 (real bottle features when cached, else ' +
    'synthetic). coverageRadius: the largest L2 distance from a probe row to its nearest ' +
    'chosen row (probes: a seeded subset of the input), meanNearestDistance its mean.',
  variants: samplerVariants,
  async setup(variant, context): Promise<CaseSession> {
    const sampler: FeatureSampler = await createBenchmarkSampler(
      variant.params['sampler'] as SamplerName,
      PERCENTAGE,
      context.seed,
      context.logger,
    );
    const tensorBackend = await activeTensorBackend(context.logger);
    const rows = variant.params['rows'] as number;
    const dims = variant.params['dims'] as number;
    const { features, source } = await loadBenchmarkFeatures(
      context.cacheDir,
      context.mode,
      rows,
      dims,
      context.seed,
    );
    let chosen: Int32Array = new Int32Array(0);
    return {
      async iterate() {
        chosen = (await sampler.select(features)).coresetIndices;
        return undefined;
      },
      async finish() {
        const description = sampler.describe();
        const facts = {
          tensorBackend,
          dataSource: source,
          keptRows: chosen.length,
          ...(description.device === undefined ? {} : { device: description.device }),
        };
        if (variant.params['sampler'] === 'identity') return { facts };
        const coverage = await coverageFigures(features, chosen, context);
        return { figures: coverage.figures, facts: { ...facts, ...coverage.facts } };
      },
    };
  },
};
