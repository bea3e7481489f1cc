import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cacheRealFeatures,
  loadBenchmarkFeatures,
  realFeaturesPath,
  syntheticFeatures,
} from '../src/feature-data.js';

describe('syntheticFeatures', () => {
  it('gives the same non-negative matrix when the seed is the same', () => {
    const a = syntheticFeatures(20, 8, 1);
    expect(a.rows).toBe(20);
    expect(a.dims).toBe(8);
    expect(a.data.every((value) => value >= 0 && Number.isFinite(value))).toBe(true);
    expect(syntheticFeatures(20, 8, 1).data).toEqual(a.data);
    expect(syntheticFeatures(20, 8, 2).data).not.toEqual(a.data);
  });
});

describe('loadBenchmarkFeatures', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('draws rows of the cached real features when the cache holds enough', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-features-'));
    // 10 rows of 4 dims; row r holds the value r in every column.
    const cached = Float32Array.from({ length: 40 }, (_, i) => Math.floor(i / 4));
    await cacheRealFeatures(dir, 'quick', { data: cached, rows: 10, dims: 4 });
    const { features, source } = await loadBenchmarkFeatures(dir, 'quick', 6, 4, 0);
    expect(source).toBe('bottle (6 of 10 rows)');
    const firstColumn = Array.from({ length: 6 }, (_, r) => features.data[r * 4]!);
    expect(new Set(firstColumn).size).toBe(6);
    expect(features.data.subarray(0, 4).every((value) => value === firstColumn[0])).toBe(true);
  });

  it('ignores the cache of the other mode when loading', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-features-'));
    await cacheRealFeatures(dir, 'full', { data: new Float32Array(40), rows: 10, dims: 4 });
    expect((await loadBenchmarkFeatures(dir, 'quick', 6, 4, 0)).source).toBe('synthetic');
  });

  it('falls back to synthetic features when the cache is too small', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-features-'));
    await writeFile(realFeaturesPath(dir, 'quick', 4), new Uint8Array(16));
    const { features, source } = await loadBenchmarkFeatures(dir, 'quick', 6, 4, 0);
    expect(source).toBe('synthetic');
    expect(features.rows).toBe(6);
  });
});
