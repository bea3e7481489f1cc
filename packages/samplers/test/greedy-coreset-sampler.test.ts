import { describe, expect, it } from 'vitest';
import {
  ApproximateGreedyCoresetSampler,
  GreedyCoresetSampler,
  RandomGenerator,
} from '../src/index.js';
import {
  BACKENDS,
  bruteForceFarthestFirst,
  clusteredRows,
  coverageRadiusOf,
  projectFloat64,
} from './helpers.js';

const CASES = [
  { label: 'with projection (D = 48 → 128)', dims: 48, target: 128, seed: 11 },
  { label: 'with projection (D = 300 → 16)', dims: 300, target: 16, seed: 13 },
  { label: 'without projection (D = D′ = 24)', dims: 24, target: 24, seed: 11 },
] as const;

describe.each(BACKENDS)('greedy samplers against a plain brute force on %s', (backend) => {
  describe.each(CASES)('$label', ({ dims, target, seed }) => {
    const features = clusteredRows(360, dims, seed);
    const z = projectFloat64(features, target, 3);
    const count = Math.floor(360 * 0.1);

    it.each(['native', 'tensor'] as const)(
      'picks the brute-force rows in order when the exact sampler uses the %s path',
      async (kernel) => {
        const expected = bruteForceFarthestFirst(z, count);
        expect(expected.smallestGap).toBeGreaterThan(1e-4);
        const sampler = new GreedyCoresetSampler(0.1, {
          seed: 3,
          dimensionToProjectFeaturesTo: target,
          backend,
          kernel,
        });
        const { coresetIndices } = await sampler.select(features);
        expect(Array.from(coresetIndices)).toEqual(expected.picks);
        expect(coverageRadiusOf(z, coresetIndices)).toBeCloseTo(
          coverageRadiusOf(z, expected.picks),
          9,
        );
      },
    );

    it.each(['native', 'tensor'] as const)(
      'picks the brute-force rows in order when the approximate sampler uses the %s path',
      async (kernel) => {
        const anchors = new RandomGenerator(3, 1).sampleDistinct(360, 10);
        const expected = bruteForceFarthestFirst(z, count, anchors);
        expect(expected.smallestGap).toBeGreaterThan(1e-4);
        const sampler = new ApproximateGreedyCoresetSampler(0.1, {
          seed: 3,
          dimensionToProjectFeaturesTo: target,
          backend,
          kernel,
        });
        const { coresetIndices } = await sampler.select(features);
        expect(Array.from(coresetIndices)).toEqual(expected.picks);
        expect(coverageRadiusOf(z, coresetIndices)).toBeCloseTo(
          coverageRadiusOf(z, expected.picks),
          9,
        );
      },
    );
  });
});

describe.each(BACKENDS)('greedy samplers on duplicated rows on %s', (backend) => {
  // SPEC §3.6's example: 5 distinct rows × 4 copies, n = 8. R re-picks rows; the port takes
  // the 5 distinct rows, then the lowest-index unselected rows (§3.8 items 3 and 4).
  const base = [
    [0, 0, 0],
    [9, 1, 0],
    [2, 7, 3],
    [5, 5, 11],
    [1, 12, 6],
  ];
  const data = Float32Array.from(
    { length: 20 * 3 },
    (_, k) => base[Math.floor(k / 3) % 5]![k % 3]!,
  );
  const features = { data, rows: 20, dims: 3 };
  const z = projectFloat64(features, 3, 0);

  it.each([
    ['GreedyCoresetSampler', 'native'],
    ['GreedyCoresetSampler', 'tensor'],
    ['ApproximateGreedyCoresetSampler', 'native'],
    ['ApproximateGreedyCoresetSampler', 'tensor'],
  ] as const)(
    '%s (%s) never repeats a row and fills with the lowest indices',
    async (name, kernel) => {
      const approximate = name === 'ApproximateGreedyCoresetSampler';
      const Sampler = approximate ? ApproximateGreedyCoresetSampler : GreedyCoresetSampler;
      const sampler = new Sampler(0.4, {
        seed: 0,
        dimensionToProjectFeaturesTo: 3,
        backend,
        kernel,
      });
      const anchors = approximate ? new RandomGenerator(0, 1).sampleDistinct(20, 10) : undefined;
      const expected = bruteForceFarthestFirst(z, 8, anchors).picks;
      const { coresetIndices } = await sampler.select(features);
      expect(Array.from(coresetIndices)).toEqual(expected);
      expect(new Set(coresetIndices).size).toBe(8);
      expect(new Set(Array.from(coresetIndices, (row) => row % 5)).size).toBe(5);
    },
  );
});

describe.each(BACKENDS)('native kernel against the tensor-op path on %s', (backend) => {
  const features = clusteredRows(1500, 40, 21, 30, 2);

  it.each([
    ['GreedyCoresetSampler', GreedyCoresetSampler],
    ['ApproximateGreedyCoresetSampler', ApproximateGreedyCoresetSampler],
  ] as const)(
    '%s picks the same rows on 0 and 2 worker threads as with tensor ops',
    async (_, Sampler) => {
      const run = async (kernel: 'native' | 'tensor', threads?: number) => {
        const sampler = new Sampler(0.05, {
          seed: 5,
          backend,
          kernel,
          ...(threads === undefined ? {} : { threads }),
        });
        return Array.from((await sampler.select(features)).coresetIndices);
      };
      const reference = await run('tensor');
      expect(reference).toHaveLength(75);
      expect(new Set(reference).size).toBe(75);
      expect(await run('native', 0)).toEqual(reference);
      expect(await run('native', 2)).toEqual(reference);
    },
  );
});

describe('greedy sampler log line', () => {
  function recordingLogger() {
    const infos: string[] = [];
    const text = (m: string | (() => string)) => (typeof m === 'function' ? m() : m);
    const logger = {
      debug: () => undefined,
      info: (m: string | (() => string)) => infos.push(text(m)),
      warn: () => undefined,
      error: () => undefined,
    };
    return { infos, logger };
  }

  it.each([
    [0, 'native kernel on the calling thread'],
    [1, 'native kernel, 1 worker thread)'],
    [2, 'native kernel, 2 worker threads)'],
  ])('names how the kernel ran when threads is %i', async (threads, expected) => {
    const { infos, logger } = recordingLogger();
    const sampler = new GreedyCoresetSampler(0.1, {
      seed: 3,
      dimensionToProjectFeaturesTo: 16,
      backend: 'cpu',
      kernel: 'native',
      threads,
    });
    await sampler.select(clusteredRows(120, 24, 5), { logger });
    const line = infos.find((info) => info.includes('picked'));
    expect(line).toContain(expected);
    expect(line).not.toContain('0 threads');
  });
});
