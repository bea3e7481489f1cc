import { performance } from 'node:perf_hooks';
import type { HostMatrix, MemoryBank, NeighborSearchResult } from '@patchcore/core';
import { createHostMatrix } from '@patchcore/core';
import type {
  BenchmarkCase,
  BenchmarkMode,
  BenchmarkVariant,
  CaseSession,
} from '../benchmark-case.js';
import { loadBenchmarkFeatures } from '../feature-data.js';
import { createFaissMemoryBank } from './memory-bank-factory.js';

/** Bank size, dimension and query count per mode: full = bottle's coreset against one image. */
const SHAPES: Readonly<Record<BenchmarkMode, { rows: number; dims: number; queries: number }>> = {
  quick: { rows: 4_096, dims: 128, queries: 196 },
  full: { rows: 16_385, dims: 1024, queries: 784 },
};

interface IndexSetting {
  readonly index: string;
  readonly threads: number;
  readonly nprobe?: number;
}

const SETTINGS: Readonly<Record<BenchmarkMode, readonly IndexSetting[]>> = {
  quick: [
    { index: 'Flat', threads: 1 },
    { index: 'IVF64,Flat', threads: 1, nprobe: 1 },
  ],
  full: [
    { index: 'Flat', threads: 1 },
    { index: 'Flat', threads: 2 },
    { index: 'IVF512,PQ64', threads: 1, nprobe: 1 },
    { index: 'HNSW32', threads: 1 },
  ],
};

const K = 1;

function settingId(setting: IndexSetting): string {
  const probe = setting.nprobe === undefined ? '' : ` nprobe=${setting.nprobe}`;
  return `${setting.index}${probe} threads=${setting.threads}`;
}

function bankVariants(mode: BenchmarkMode): BenchmarkVariant[] {
  const shape = SHAPES[mode];
  const reference = settingId(SETTINGS[mode][0] as IndexSetting);
  return SETTINGS[mode].map((setting) => {
    const id = settingId(setting);
    return {
      id,
      params: { ...setting, ...shape, k: K },
      ...(id === reference ? {} : { relativeTo: reference }),
    };
  });
}

function split(features: HostMatrix, rows: number): { bank: HostMatrix; queries: HostMatrix } {
  const cut = rows * features.dims;
  return {
    bank: createHostMatrix(features.data.subarray(0, cut), rows, features.dims),
    queries: createHostMatrix(features.data.subarray(cut), features.rows - rows, features.dims),
  };
}

/** Share of queries whose first neighbour is the exact first neighbour, and the distance ratio. */
function quality(found: NeighborSearchResult, exact: NeighborSearchResult): Record<string, number> {
  let hits = 0;
  let ratioSum = 0;
  let ratioCount = 0;
  for (let q = 0; q < exact.queryCount; q++) {
    if (found.neighborIndices[q * found.k] === exact.neighborIndices[q * exact.k]) hits++;
    const truth = exact.distances[q * exact.k] as number;
    if (truth > 0) {
      ratioSum += (found.distances[q * found.k] as number) / truth;
      ratioCount++;
    }
  }
  return {
    recallAt1: hits / exact.queryCount,
    meanDistanceRatio: ratioCount === 0 ? 1 : ratioSum / ratioCount,
  };
}

/**
 * Nearest-neighbour search of one image's patches against a bottle-sized memory bank, exact
 * and approximate faiss indexes, with the approximate ones' recall against exact search.
 */
export const memoryBankCase: BenchmarkCase = {
  name: 'memory-bank',
  title: 'Memory bank',
  description:
    '`search(queries, k = 1)` of Q query rows against an M × D FaissMemoryBank (full: 784 = ' +
    'one image against 16,385 × 1024, bottle at 10%). buildMs: one build (train + add). ' +
    'recallAt1: share of queries whose nearest row is the exact one; meanDistanceRatio: found ' +
    'over exact squared distance.',
  variants: bankVariants,
  async setup(variant, context): Promise<CaseSession> {
    const rows = variant.params['rows'] as number;
    const queryCount = variant.params['queries'] as number;
    const { features, source } = await loadBenchmarkFeatures(
      context.cacheDir,
      context.mode,
      rows + queryCount,
      variant.params['dims'] as number,
      context.seed,
    );
    const { bank: bankRows, queries } = split(features, rows);
    const nprobe = variant.params['nprobe'];
    const threads = variant.params['threads'] as number;
    const bank: MemoryBank = await createFaissMemoryBank(
      variant.params['index'] as string,
      threads,
      context,
      typeof nprobe === 'number' ? { nprobe } : {},
    );
    const t0 = performance.now();
    await bank.build(bankRows);
    const buildMs = performance.now() - t0;
    let last: NeighborSearchResult | undefined;
    return {
      async iterate() {
        last = await bank.search(queries, K);
        return undefined;
      },
      async finish() {
        const exactBank = await createFaissMemoryBank('Flat', threads, context);
        let exact: NeighborSearchResult;
        try {
          await exactBank.build(bankRows);
          exact = await exactBank.search(queries, K);
        } finally {
          exactBank.dispose();
        }
        const figures = last === undefined ? {} : quality(last, exact);
        return {
          figures: { buildMs, ...figures },
          facts: { dataSource: source, faissThreads: threads },
        };
      },
      dispose() {
        bank.dispose();
        return Promise.resolve();
      },
    };
  },
};
