import { silentLogger } from '@patchcore/core';
import { describe, expect, it } from 'vitest';
import type { BenchmarkCase, CaseContext, CaseSession } from '../src/benchmark-case.js';
import { CaseUnavailableError } from '../src/benchmark-case.js';
import { measureVariant } from '../src/measure-variant.js';

const CONTEXT: CaseContext = {
  mode: 'quick',
  dataDir: '/nonexistent',
  cacheDir: '/nonexistent',
  seed: 0,
  logger: silentLogger,
  onProgress: () => undefined,
};
const VARIANT = { id: 'v', params: { size: 1 } };

function fakeCase(setup: () => Promise<CaseSession>): BenchmarkCase {
  return { name: 'fake', title: 'Fake', description: '', variants: () => [VARIANT], setup };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('measureVariant', () => {
  it('runs one warm-up and the wanted repeats when runs are fast', async () => {
    let calls = 0;
    let disposed = false;
    const result = await measureVariant(
      fakeCase(() =>
        Promise.resolve({
          iterate: () => {
            calls++;
            return Promise.resolve({ timingsMs: { stage: calls } });
          },
          finish: (timings) => Promise.resolve({ figures: { runs: timings['wall']!.runs } }),
          dispose: () => {
            disposed = true;
            return Promise.resolve();
          },
        }),
      ),
      VARIANT,
      CONTEXT,
      { repeats: 4, budgetMs: 60_000, longRunMs: 60_000 },
    );
    expect(result.status).toBe('ok');
    expect(calls).toBe(5);
    expect(result.warmupRuns).toBe(1);
    expect(result.timingsMs['wall']!.runs).toBe(4);
    // The warm-up's stage value (1) is dropped; the measured ones are 2..5.
    expect(result.timingsMs['stage']).toEqual({ median: 3.5, min: 2, max: 5, runs: 4 });
    expect(result.figures).toEqual({ runs: 4 });
    expect(result.peakRssMiB).toBeGreaterThan(0);
    expect(disposed).toBe(true);
  });

  // Runs sleep 30 ms against a long-run mark of 20 ms; the budgets sit far from the run time,
  // so a slow machine changes no count.
  it.each([
    { budgetMs: 10_000, calls: 3 },
    { budgetMs: 1, calls: 1 },
  ])(
    'counts the warm-up and makes $calls calls when runs are long and the budget is $budgetMs ms',
    async ({ budgetMs, calls }) => {
      let made = 0;
      const result = await measureVariant(
        fakeCase(() =>
          Promise.resolve({
            iterate: async () => {
              made++;
              await sleep(30);
              return undefined;
            },
          }),
        ),
        VARIANT,
        CONTEXT,
        { repeats: 3, budgetMs, longRunMs: 20 },
      );
      expect(result.warmupRuns).toBe(0);
      expect(made).toBe(calls);
      expect(result.timingsMs['wall']!.runs).toBe(calls);
    },
  );

  it('reports skipped with the reason when the case is unavailable', async () => {
    const result = await measureVariant(
      fakeCase(() => Promise.reject(new CaseUnavailableError('no package here'))),
      VARIANT,
      CONTEXT,
      { repeats: 1, budgetMs: 1, longRunMs: 1 },
    );
    expect(result).toMatchObject({ status: 'skipped', reason: 'no package here', timingsMs: {} });
  });

  it('reports failed with the message when a run throws', async () => {
    const result = await measureVariant(
      fakeCase(() => Promise.resolve({ iterate: () => Promise.reject(new Error('boom')) })),
      VARIANT,
      CONTEXT,
      { repeats: 1, budgetMs: 1, longRunMs: 1 },
    );
    expect(result).toMatchObject({ status: 'failed', reason: 'boom' });
  });
});
