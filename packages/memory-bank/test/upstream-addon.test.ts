import { NativeDependencyError } from '@patchcore/core';
import type { Logger } from '@patchcore/core';
import { describe, expect, it, vi } from 'vitest';
import type * as FaissAddonModule from '../src/faiss-addon.js';
import type { FaissIndex } from '../src/faiss-addon.js';
import { FaissMemoryBank } from '../src/faiss-memory-bank.js';
import { bruteForce, seededMatrix } from './helpers.js';

// Simulates upstream's addon on top of the real one: no `patchcore` object, no setParameter,
// and add / train / search refuse a Float32Array with upstream's TypeError.
vi.mock('../src/faiss-addon.js', async (importOriginal) => {
  const original = await importOriginal<typeof FaissAddonModule>();
  const refuseTyped =
    <T>(call: (values: number[] | Float32Array, ...rest: number[]) => T) =>
    (values: number[] | Float32Array, ...rest: number[]): T => {
      if (!Array.isArray(values)) {
        throw new TypeError('Invalid the first argument type, must be an Array.');
      }
      return call(values, ...rest);
    };
  const upstream = (index: FaissIndex) => ({
    ntotal: () => index.ntotal(),
    getDimension: () => index.getDimension(),
    isTrained: () => index.isTrained(),
    write: (path: string) => index.write(path),
    add: refuseTyped((values) => index.add(values)),
    train: refuseTyped((values) => index.train(values)),
    search: refuseTyped((values, k) => index.search(values, k)),
  });
  return {
    ...original,
    loadFaiss: (threads: number, logger: Logger) => {
      const real = original.loadFaiss(threads, logger);
      return {
        patched: false,
        threadsAtLoad: 1,
        addon: {
          Index: {
            fromFactory: (d: number, description: string, metric?: number) =>
              upstream(real.addon.Index.fromFactory(d, description, metric)),
            read: (path: string) => upstream(real.addon.Index.read(path)),
          },
        },
      };
    },
  };
});

describe('FaissMemoryBank with upstream faiss-node', () => {
  const bank = seededMatrix(120, 8, 31);
  const queries = seededMatrix(10, 8, 32);

  it('falls back to plain arrays and still matches a brute force', async () => {
    const memoryBank = new FaissMemoryBank();
    await memoryBank.build(bank);
    expect(memoryBank.boundary).toBe('array');
    const result = await memoryBank.search(queries, 3);
    const truth = bruteForce(bank, queries, 3);
    expect(Array.from(result.neighborIndices)).toEqual(truth.indices.flat());
    expect(memoryBank.lastSearchTimings?.boundary).toBe('array');
  });

  it("throws NativeDependencyError when boundary 'typed' is asked for", async () => {
    await expect(new FaissMemoryBank({ boundary: 'typed' }).build(bank)).rejects.toThrow(
      NativeDependencyError,
    );
  });

  it('throws NativeDependencyError when search parameters need the patched addon', async () => {
    const memoryBank = new FaissMemoryBank({ index: 'HNSW8', searchParameters: { efSearch: 32 } });
    await expect(memoryBank.build(bank)).rejects.toThrow(/searchParameters.efSearch needs/);
  });

  it('warns once when its thread count cannot be applied', async () => {
    const warn = vi.fn();
    const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() };
    const memoryBank = new FaissMemoryBank({ threads: 2, logger });
    await memoryBank.build(bank);
    await memoryBank.search(queries, 1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/threads = 2 ignored/);
  });
});
