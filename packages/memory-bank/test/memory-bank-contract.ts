import type { MemoryBank } from '@patchcore/core';
import { createHostMatrix } from '@patchcore/core';
import { describe, expect, it } from 'vitest';
import { bruteForce, expectClose, seededMatrix } from './helpers.js';

/**
 * The behaviour every exact MemoryBank backend must show, run against a factory of fresh
 * banks (STYLE §3 item 9: one contract suite for all backends).
 */
export function describeMemoryBankContract(name: string, create: () => MemoryBank): void {
  describe(`MemoryBank contract: ${name}`, () => {
    const bank = seededMatrix(300, 24, 11);
    const queries = seededMatrix(40, 24, 12);

    it.each([1, 3, 5])('matches a float64 brute force when k = %i', async (k) => {
      const memoryBank = create();
      await memoryBank.build(bank);
      const result = await memoryBank.search(queries, k);
      const truth = bruteForce(bank, queries, k);
      expect(result.queryCount).toBe(40);
      expect(result.k).toBe(k);
      expect(result.distances).toBeInstanceOf(Float32Array);
      expect(result.neighborIndices).toBeInstanceOf(Int32Array);
      for (let q = 0; q < 40; q++) {
        for (let r = 0; r < k; r++) {
          expect(result.neighborIndices[q * k + r]).toBe(truth.indices[q]![r]);
          expectClose(result.distances[q * k + r]!, truth.distances[q]![r]!);
        }
      }
    });

    it('returns squared L2 distances when the answer is a 3-4-5 triangle', async () => {
      const memoryBank = create();
      await memoryBank.build(createHostMatrix(new Float32Array([0, 0, 10, 10]), 2, 2));
      const result = await memoryBank.search(createHostMatrix(new Float32Array([3, 4]), 1, 2), 2);
      expect(Array.from(result.distances)).toEqual([25, 85]);
      expect(Array.from(result.neighborIndices)).toEqual([0, 1]);
    });

    it('reports size and dimension when built', async () => {
      const memoryBank = create();
      expect([memoryBank.size, memoryBank.dimension]).toEqual([0, 0]);
      await memoryBank.build(bank);
      expect([memoryBank.size, memoryBank.dimension]).toEqual([300, 24]);
      expect(memoryBank.describe()).toMatchObject({ size: 300, dimension: 24 });
    });

    it('returns copies of the requested rows in order when rows() is called', async () => {
      const memoryBank = create();
      await memoryBank.build(bank);
      const rows = memoryBank.rows([7, 2]);
      expect([rows.rows, rows.dims]).toEqual([2, 24]);
      expect(Array.from(rows.data.subarray(0, 24))).toEqual(
        Array.from(bank.data.subarray(168, 192)),
      );
      expect(Array.from(rows.data.subarray(24))).toEqual(Array.from(bank.data.subarray(48, 72)));
      rows.data[0] = 1e9;
      expect(memoryBank.rows([7]).data[0]).toBe(bank.data[168]);
    });

    it("does not keep a reference to the caller's features when built", async () => {
      const memoryBank = create();
      const own = createHostMatrix(bank.data.slice(), bank.rows, bank.dims);
      await memoryBank.build(own);
      own.data.fill(0);
      expect(memoryBank.rows([0]).data[0]).toBe(bank.data[0]);
    });

    it('is empty again when disposed', async () => {
      const memoryBank = create();
      await memoryBank.build(bank);
      memoryBank.dispose();
      expect(memoryBank.size).toBe(0);
      await expect(memoryBank.search(queries, 1)).rejects.toThrow(/build|load/);
    });
  });
}
