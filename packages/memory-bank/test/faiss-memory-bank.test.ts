import {
  InvalidConfigError,
  InvalidStateError,
  NonFiniteValueError,
  ShapeMismatchError,
  createHostMatrix,
} from '@patchcore/core';
import type { HostMatrix } from '@patchcore/core';
import { describe, expect, it } from 'vitest';
import { FaissMemoryBank } from '../src/faiss-memory-bank.js';
import { bruteForce, seededMatrix } from './helpers.js';
import { describeMemoryBankContract } from './memory-bank-contract.js';

describeMemoryBankContract('FaissMemoryBank Flat, typed boundary', () => new FaissMemoryBank());
describeMemoryBankContract(
  'FaissMemoryBank Flat, plain-array boundary',
  () => new FaissMemoryBank({ boundary: 'array' }),
);

async function built(features: HostMatrix, options = {}): Promise<FaissMemoryBank> {
  const memoryBank = new FaissMemoryBank(options);
  await memoryBank.build(features);
  return memoryBank;
}

describe('FaissMemoryBank', () => {
  const bank = seededMatrix(300, 16, 1);
  const queries = seededMatrix(20, 16, 2);

  it('uses the zero-copy boundary when the patched addon is installed', async () => {
    const memoryBank = await built(bank);
    expect(memoryBank.boundary).toBe('typed');
    await memoryBank.search(queries, 1);
    expect(memoryBank.lastSearchTimings).toMatchObject({ boundary: 'typed' });
    expect(memoryBank.lastSearchTimings!.convertInMs).toBeGreaterThanOrEqual(0);
  });

  it('gives the same answer on both boundaries when searched', async () => {
    const typed = await (await built(bank)).search(queries, 3);
    const array = await (await built(bank, { boundary: 'array' })).search(queries, 3);
    expect(Array.from(array.neighborIndices)).toEqual(Array.from(typed.neighborIndices));
    expect(Array.from(array.distances)).toEqual(Array.from(typed.distances));
  });

  it('describes itself as faiss with its index type when built', async () => {
    expect((await built(bank)).describe()).toEqual({
      kind: 'faiss',
      index: 'Flat',
      size: 300,
      dimension: 16,
    });
  });

  it('returns an empty result when there are no queries', async () => {
    const result = await (
      await built(bank)
    ).search(createHostMatrix(new Float32Array(0), 0, 16), 2);
    expect([result.queryCount, result.distances.length, result.neighborIndices.length]).toEqual([
      0, 0, 0,
    ]);
  });

  it('keeps its previous contents when a rebuild fails', async () => {
    const memoryBank = await built(bank);
    const bad = bank.data.slice();
    bad[5] = NaN;
    await expect(memoryBank.build(createHostMatrix(bad, 300, 16))).rejects.toThrow(
      NonFiniteValueError,
    );
    expect(memoryBank.size).toBe(300);
    await expect(memoryBank.search(queries, 1)).resolves.toMatchObject({ queryCount: 20 });
  });

  it('returns direct-difference squared distances, 0 for a row itself, when rows share a large offset', async () => {
    // faiss's batched Flat search (20 or more queries) computes |x|² + |y|² − 2·x·y in float32,
    // which cancels badly here (0.0625 for a row's distance to itself); SPEC §4.1 and §7.6 ask
    // for Σ(x − y)².
    const data = seededMatrix(200, 64, 5).data.map((value) => 50 + value);
    const memoryBank = await built(createHostMatrix(data, 200, 64));
    const own = createHostMatrix(data.slice(0, 40 * 64), 40, 64);
    const result = await memoryBank.search(own, 3);
    for (let q = 0; q < 40; q++) {
      expect(result.neighborIndices[q * 3]).toBe(q);
      expect(result.distances[q * 3]).toBe(0);
      for (let r = 0; r < 3; r++) {
        const row = result.neighborIndices[q * 3 + r]!;
        let direct = 0;
        for (let j = 0; j < 64; j++) direct += (data[q * 64 + j]! - data[row * 64 + j]!) ** 2;
        expect(result.distances[q * 3 + r]).toBe(Math.fround(direct));
        if (r > 0) {
          expect(result.distances[q * 3 + r]).toBeGreaterThanOrEqual(
            result.distances[q * 3 + r - 1]!,
          );
        }
      }
    }
  });

  describe('bad input', () => {
    it('throws ShapeMismatchError naming both dimensions when query D differs', async () => {
      const memoryBank = await built(bank);
      const error = await memoryBank.search(seededMatrix(4, 8, 3), 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ShapeMismatchError);
      expect((error as Error).message).toBe('queries dimension: expected [4, 16], got [4, 8]');
    });

    it.each([NaN, Infinity, -Infinity])(
      'throws NonFiniteValueError when a query holds %d',
      async (value) => {
        const memoryBank = await built(bank);
        const data = queries.data.slice();
        data[37] = value;
        await expect(memoryBank.search(createHostMatrix(data, 20, 16), 1)).rejects.toThrow(
          new NonFiniteValueError('queries', 37, value),
        );
      },
    );

    it('throws NonFiniteValueError when a feature holds NaN', async () => {
      const data = bank.data.slice();
      data[100] = NaN;
      await expect(new FaissMemoryBank().build(createHostMatrix(data, 300, 16))).rejects.toThrow(
        /features holds NaN at flat index 100/,
      );
    });

    it.each([0, -1, 301, 1.5, NaN])('throws RangeError naming k when k = %d', async (k) => {
      const memoryBank = await built(bank);
      await expect(memoryBank.search(queries, k)).rejects.toThrow(
        new RangeError(`k must be an integer in [1, 300], got ${k}`),
      );
    });

    it('throws RangeError when the features are empty', async () => {
      await expect(
        new FaissMemoryBank().build(createHostMatrix(new Float32Array(0), 0, 16)),
      ).rejects.toThrow(/at least 1 row\(s\).*got \[0, 16\]/);
    });

    it('throws InvalidStateError when searched before build', async () => {
      await expect(new FaissMemoryBank().search(queries, 1)).rejects.toThrow(InvalidStateError);
      expect(() => new FaissMemoryBank().rows([0])).toThrow(
        /call build\(features\) or load\(path\)/,
      );
      await expect(new FaissMemoryBank().save('/tmp/never.bank')).rejects.toThrow(
        InvalidStateError,
      );
    });

    it('throws TypeError when the features are not a host matrix', async () => {
      const notMatrix = { data: [1, 2], rows: 1, dims: 2 } as unknown as HostMatrix;
      await expect(new FaissMemoryBank().build(notMatrix)).rejects.toThrow(
        /features must be a HostMatrix .* got Object/,
      );
    });

    it('throws ShapeMismatchError when data length disagrees with rows and dims', async () => {
      const liar = { data: new Float32Array(10), rows: 3, dims: 4 };
      await expect(new FaissMemoryBank().build(liar)).rejects.toThrow(
        'features data length: expected [12], got [10]',
      );
    });

    it('throws ShapeMismatchError when features miss the dimension option', async () => {
      await expect(new FaissMemoryBank({ dimension: 32 }).build(bank)).rejects.toThrow(
        'features dimension: expected [300, 32], got [300, 16]',
      );
    });

    it('throws RangeError naming the position when a row index is out of range', async () => {
      const memoryBank = await built(bank);
      expect(() => memoryBank.rows([0, 300])).toThrow(
        'indices[1] must be an integer in [0, 299], got 300',
      );
    });

    it.each([0, 1.5, -2])('throws InvalidConfigError when threads = %d', (threads) => {
      expect(() => new FaissMemoryBank({ threads })).toThrow(InvalidConfigError);
    });

    it('throws InvalidConfigError when faiss does not know the index string', async () => {
      await expect(new FaissMemoryBank({ index: 'NoSuchIndex7' }).build(bank)).rejects.toThrow(
        /faiss rejected index 'NoSuchIndex7' for dimension 16/,
      );
    });

    it('checks an index string for a dimension without building anything', () => {
      expect(() => new FaissMemoryBank({ index: 'NoSuchIndex7' }).checkIndex(1024)).toThrow(
        /faiss rejected index 'NoSuchIndex7' for dimension 1024/,
      );
      expect(() =>
        new FaissMemoryBank({ index: 'IVF512,PQ60', dimension: 1024 }).checkIndex(),
      ).toThrow(/divisible by 60, got 1024/);
      expect(() => new FaissMemoryBank({ index: 'Flat' }).checkIndex()).toThrow(RangeError);
      expect(new FaissMemoryBank({ index: 'IVF512,PQ64' }).minimumRows).toBe(512);
      expect(new FaissMemoryBank({ index: 'Flat' }).minimumRows).toBe(1);
      for (const index of ['Flat', 'HNSW32', 'IVF512,PQ64']) {
        const bankToBe = new FaissMemoryBank({ index, dimension: 1024 });
        expect(() => bankToBe.checkIndex()).not.toThrow();
        expect(bankToBe.size).toBe(0);
      }
    });

    it('refuses an IDMap index before native code runs', () => {
      expect(() => new FaissMemoryBank({ index: 'IDMap,Flat' })).toThrow(/IDMap/);
    });

    it('refuses IVF training on fewer rows than centroids', async () => {
      await expect(new FaissMemoryBank({ index: 'IVF512,Flat' }).build(bank)).rejects.toThrow(
        /at least 512 row\(s\).*got \[300, 16\]/,
      );
    });

    it('refuses PQ when the dimension is not a multiple of the sub-quantizer count', async () => {
      await expect(new FaissMemoryBank({ index: 'IVF4,PQ5' }).build(bank)).rejects.toThrow(
        /divisible by 5, got 16/,
      );
    });

    it('turns an unknown search parameter into InvalidConfigError', async () => {
      await expect(
        new FaissMemoryBank({ index: 'Flat', searchParameters: { nprobe: 4 } }).build(bank),
      ).rejects.toThrow(/searchParameters\.nprobe = 4 does not apply to index 'Flat'/);
      expect(() =>
        new FaissMemoryBank({ index: 'Flat', searchParameters: { efSearch: 16 } }).checkIndex(16),
      ).toThrow(InvalidConfigError);
    });
  });

  describe('approximate indexes', () => {
    it('trains IVF-PQ on the bank itself and finds most exact neighbours', async () => {
      const memoryBank = await built(bank, { index: 'IVF4,PQ4', searchParameters: { nprobe: 4 } });
      expect(memoryBank.describe().index).toBe('IVF4,PQ4np');
      const result = await memoryBank.search(queries, 1);
      const truth = bruteForce(bank, queries, 1);
      const hits = truth.indices.filter((row, q) => row[0] === result.neighborIndices[q]).length;
      expect(hits).toBeGreaterThanOrEqual(8);
    });

    it('fills the slots an IVF list cannot fill with exact neighbours', async () => {
      // 64 lists over 300 rows hold about 5 rows each, so k = 20 at nprobe 1 leaves slots empty.
      const memoryBank = await built(bank, { index: 'IVF64,Flat' });
      const result = await memoryBank.search(queries, 20);
      expect(Array.from(result.neighborIndices)).not.toContain(-1);
      const truth = bruteForce(bank, queries, 20);
      let repaired = 0;
      for (let q = 0; q < 20; q++) {
        const row = Array.from(result.neighborIndices.subarray(q * 20, (q + 1) * 20));
        if (row.join() === truth.indices[q]!.join()) repaired++;
        const distances = Array.from(result.distances.subarray(q * 20, (q + 1) * 20));
        expect(distances).toEqual([...distances].sort((a, b) => a - b));
      }
      expect(repaired).toBeGreaterThan(0);
    });

    it('builds HNSW and searches it with a raised efSearch', async () => {
      const memoryBank = await built(bank, { index: 'HNSW8', searchParameters: { efSearch: 64 } });
      const result = await memoryBank.search(queries, 3);
      const truth = bruteForce(bank, queries, 1);
      const hits = truth.indices.filter(
        (row, q) => row[0] === result.neighborIndices[q * 3],
      ).length;
      expect(hits).toBeGreaterThanOrEqual(18);
    });
  });
});
