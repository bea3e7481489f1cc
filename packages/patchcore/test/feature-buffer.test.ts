import { describe, expect, it } from 'vitest';
import { FeatureBuffer } from '../src/feature-buffer.js';
import { rebatch } from '../src/sample-batches.js';

describe('FeatureBuffer', () => {
  it('keeps a preallocated buffer when the rows fit and returns a view, not a copy', () => {
    const buffer = new FeatureBuffer(2, 4);
    const first = buffer.reserve(4);
    first.data.set([1, 2, 3, 4, 5, 6, 7, 8]);
    buffer.commit(4);
    const matrix = buffer.toMatrix();
    expect(matrix.data.buffer).toBe(first.data.buffer);
    expect([matrix.rows, matrix.dims]).toEqual([4, 2]);
  });

  it('grows geometrically and keeps earlier rows when more rows arrive than expected', () => {
    const buffer = new FeatureBuffer(3, 2);
    const capacities: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const { data, rowOffset } = buffer.reserve(2);
      data.fill(batch, rowOffset * 3, (rowOffset + 2) * 3);
      buffer.commit(2);
      capacities.push(data.length);
    }
    const matrix = buffer.toMatrix();
    expect(matrix.rows).toBe(20);
    expect(Array.from(matrix.data.subarray(0, 6))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(matrix.data[19 * 3]).toBe(9);
    // Far fewer reallocations than batches.
    expect(new Set(capacities).size).toBeLessThan(8);
  });
});

describe('rebatch', () => {
  it('regroups paths and async batches into batches of the requested size, in order', async () => {
    const fromPaths: string[][] = [];
    for await (const batch of rebatch(['a', 'b', 'c', 'd', 'e'], 2)) {
      fromPaths.push(batch.map((s) => s.path));
    }
    expect(fromPaths).toEqual([['a', 'b'], ['c', 'd'], ['e']]);

    async function* source() {
      yield await Promise.resolve([{ path: 'x' }]);
      yield [{ path: 'y' }, { path: 'z' }, { path: 'w' }];
    }
    const fromAsync: string[][] = [];
    for await (const batch of rebatch(source(), 3)) fromAsync.push(batch.map((s) => s.path));
    expect(fromAsync).toEqual([['x', 'y', 'z'], ['w']]);
  });
});
