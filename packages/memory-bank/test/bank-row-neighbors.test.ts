import { createHostMatrix } from '@patchcore/core';
import { describe, expect, it } from 'vitest';
import { bankRowNeighbors } from '../src/bank-row-neighbors.js';
import { FaissMemoryBank } from '../src/faiss-memory-bank.js';
import { bruteForce, seededMatrix } from './helpers.js';

describe('bankRowNeighbors', () => {
  it('returns each row itself first at distance 0, then its exact nearest rows', async () => {
    const bank = seededMatrix(200, 8, 5);
    const memoryBank = new FaissMemoryBank();
    await memoryBank.build(bank);
    const result = await bankRowNeighbors(memoryBank, [3, 150], 9);
    const truth = bruteForce(bank, memoryBank.rows([3, 150]), 9);
    expect(Array.from(result.neighborIndices.subarray(0, 9))).toEqual(truth.indices[0]);
    expect(Array.from(result.neighborIndices.subarray(9))).toEqual(truth.indices[1]);
    expect([result.distances[0], result.distances[9]]).toEqual([0, 0]);
  });

  it('puts the row itself first when a duplicate row ties with it', async () => {
    const data = new Float32Array([5, 5, 0, 0, 5, 5, 9, 9]);
    const memoryBank = new FaissMemoryBank();
    await memoryBank.build(createHostMatrix(data, 4, 2));
    const result = await bankRowNeighbors(memoryBank, [2], 3);
    expect(Array.from(result.neighborIndices)).toEqual([2, 0, 3]);
    expect(Array.from(result.distances)).toEqual([0, 0, 32]);
  });

  it.each([0, 5])('throws RangeError when b = %d on a bank of 4 rows', async (b) => {
    const memoryBank = new FaissMemoryBank();
    await memoryBank.build(seededMatrix(4, 2, 1));
    await expect(bankRowNeighbors(memoryBank, [0], b)).rejects.toThrow(
      `b must be an integer in [1, 4], got ${b}`,
    );
  });
});
