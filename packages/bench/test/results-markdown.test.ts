import { describe, expect, it } from 'vitest';
import type { BenchmarkResults, VariantResult } from '../src/benchmark-results.js';
import { formatNumber, renderResultsMarkdown } from '../src/results-markdown.js';

function variant(id: string, median: number, extra: Partial<VariantResult> = {}): VariantResult {
  return {
    case: 'samplers',
    variant: id,
    params: {},
    status: 'ok',
    warmupRuns: 1,
    timingsMs: { wall: { median, min: median - 1, max: median + 1, runs: 3 } },
    figures: {},
    facts: {},
    baseRssMiB: 100,
    peakRssMiB: 150,
    elapsedMs: 1,
    ...extra,
  };
}

const RESULTS: BenchmarkResults = {
  schemaVersion: 1,
  mode: 'quick',
  startedAt: '2026-12-03T20:00:00.000Z',
  elapsedMs: 1234,
  machine: {
    cores: 2,
    cpuModel: 'Test CPU',
    totalMemoryGiB: 24,
    loadAverage1m: 1.5,
    nodeVersion: 'v20.20.2',
    platform: 'linux x64',
    faissThreads: 2,
    tensorBackend: 'wasm',
  },
  results: [
    variant('random N=100', 10, { facts: { tensorBackend: 'wasm', keptRows: 10 } }),
    variant('greedy N=100', 40, {
      relativeTo: 'random N=100',
      figures: { coverageRadius: 1.5 },
      facts: { tensorBackend: 'wasm', keptRows: 11 },
      timingsMs: {
        sample: { median: 30, min: 29, max: 31, runs: 3 },
        wall: { median: 40, min: 39, max: 41, runs: 3 },
      },
    }),
    variant('approx N=100', 0, { status: 'skipped', reason: 'no sampler | here' }),
  ],
};
const CASES = [{ name: 'samplers', title: 'Samplers', description: 'Sampler speed.' }];

describe('renderResultsMarkdown', () => {
  const markdown = renderResultsMarkdown(RESULTS, CASES);
  const tableRows = markdown.split('\n').filter((line) => line.startsWith('| '));

  it('states the machine facts when rendering the header', () => {
    expect(markdown).toMatch(/2 cores \(Test CPU\)/);
    expect(markdown).toMatch(/Node v20\.20\.2/);
    expect(markdown).toMatch(/OMP_NUM_THREADS in every child: 2;/);
    expect(markdown).toMatch(/Tensor backend: wasm/);
  });

  it('gives every table row the same number of cells when variants differ', () => {
    const cellCounts = tableRows.map((line) => line.split(/(?<!\\)\|/).length);
    expect(new Set(cellCounts).size).toBe(1);
  });

  it('puts wall first and the ratio to the reference when a variant names one', () => {
    const greedy = tableRows.filter((line) => line.includes('greedy N=100'));
    expect(greedy).toHaveLength(1);
    expect(greedy[0]).toMatch(/\| wall \| 40 \|/);
    expect(greedy[0]).toMatch(/4× random N=100/);
    expect(greedy[0]).toMatch(/coverageRadius 1\.5/);
    expect(tableRows.some((line) => /^\|\s+\| sample \| 30 \|/.test(line))).toBe(true);
  });

  it('states a fact once under the heading when every ok row shares it', () => {
    expect(markdown).toMatch(/Every row: tensorBackend wasm\./);
    expect(tableRows.filter((line) => line.includes('tensorBackend'))).toHaveLength(0);
    expect(tableRows.filter((line) => line.includes('keptRows'))).toHaveLength(2);
  });

  it('shows the reason with pipes escaped when a variant was skipped', () => {
    expect(markdown).toMatch(/skipped: no sampler \\\| here/);
  });
});

describe('formatNumber', () => {
  it.each([
    [1234.56, '1235'],
    [24, '24'],
    [12.345, '12.3'],
    [1.23456, '1.23'],
    [0.000123456, '0.000123'],
  ])('formats %d as %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});
