import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkRun } from '../src/index.js';
import { listBenchmarkCases, runBenchmarks } from '../src/index.js';

// Runs the whole harness in quick mode once, as CI does: every case, each variant in its own
// child process. Cases whose package or data is missing are reported as skipped, never failed.
describe('runBenchmarks in quick mode', () => {
  let outDir = '';
  let run: BenchmarkRun;
  const stages = new Set<string>();

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'bench-quick-'));
    run = await runBenchmarks({
      mode: 'quick',
      outDir,
      onProgress: (event) => stages.add(event.stage),
    });
  }, 170_000);

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes results.json holding what it returned when it finishes', async () => {
    const json: unknown = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8'));
    expect(json).toEqual(JSON.parse(JSON.stringify(run.results)));
    expect(run.results.schemaVersion).toBe(1);
    expect(run.results.mode).toBe('quick');
    expect(run.results.machine.cores).toBeGreaterThan(0);
    expect(run.results.machine.nodeVersion).toBe(process.version);
    expect(run.results.machine.faissThreads).toBeGreaterThan(0);
  });

  it('runs every variant of every case when no case is selected', () => {
    const expected = listBenchmarkCases('quick').flatMap((c) =>
      c.variants.map((v) => `${c.name}/${v}`),
    );
    expect(run.results.results.map((r) => `${r.case}/${r.variant}`)).toEqual(expected);
    expect(stages.has('bench')).toBe(true);
  });

  it('fails no variant and explains every skip when run here', () => {
    for (const result of run.results.results) {
      expect(result.status, `${result.case}/${result.variant}: ${result.reason}`).not.toBe(
        'failed',
      );
      if (result.status === 'skipped') expect(result.reason).toMatch(/\S/);
    }
  });

  it('reports positive times and memory when a variant ran', () => {
    const ok = run.results.results.filter((result) => result.status === 'ok');
    expect(ok.map((result) => result.case)).toContain('calibration');
    for (const result of ok) {
      const wall = result.timingsMs['wall']!;
      expect(wall.runs).toBeGreaterThan(0);
      for (const summary of Object.values(result.timingsMs)) {
        expect(summary.min).toBeGreaterThan(0);
        expect(summary.min).toBeLessThanOrEqual(summary.median);
        expect(summary.median).toBeLessThanOrEqual(summary.max);
      }
      expect(result.peakRssMiB).toBeGreaterThan(0);
      expect(result.baseRssMiB).toBeGreaterThan(0);
      for (const value of Object.values(result.figures)) expect(value).toBeGreaterThanOrEqual(0);
    }
  });

  it('writes one Markdown table row per ok timing and per skipped variant', async () => {
    const markdown = await readFile(join(outDir, 'results.md'), 'utf8');
    expect(markdown).toBe(run.markdown);
    expect(markdown).toMatch(/^# PatchCore benchmarks \(quick mode\)/);
    const rows = markdown
      .split('\n')
      .filter(
        (line) =>
          line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| Variant'),
      );
    const expected = run.results.results.reduce(
      (sum, r) => sum + (r.status === 'ok' ? Object.keys(r.timingsMs).length : 1),
      0,
    );
    expect(rows).toHaveLength(expected);
  });
});
