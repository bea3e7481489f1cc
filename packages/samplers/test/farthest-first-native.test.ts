import { describe, expect, it } from 'vitest';
import { silentLogger } from '@patchcore/core';
import type { FarthestFirstProblem } from '../src/farthest-first-problem.js';
import { allocateKernelMemory, farthestFirstNative } from '../src/kernels/farthest-first-native.js';
import type { KernelWorkerFault } from '../src/kernels/farthest-first-native.js';
import { clusteredRows } from './helpers.js';

const ROWS = 3000;
const DIMS = 16;
const COUNT = 300;

/** Runs the threaded kernel (2 workers) on seeded clustered rows, with an optional fault. */
async function runKernel(fault?: KernelWorkerFault): Promise<Int32Array> {
  const memory = allocateKernelMemory(ROWS, DIMS, 2, COUNT + 2);
  const { data } = clusteredRows(ROWS, DIMS, 5);
  for (let i = 0; i < ROWS; i++) {
    memory.projected.set(data.subarray(i * DIMS, (i + 1) * DIMS), i * memory.stride);
  }
  const problem: FarthestFirstProblem = {
    projected: memory.projected,
    rows: ROWS,
    dims: DIMS,
    stride: memory.stride,
    count: COUNT,
    start: { kind: 'centroid' },
    logger: silentLogger,
    onProgress: undefined,
  };
  return farthestFirstNative(problem, memory, 2, fault);
}

/** A prelude that makes worker `index`'s distance kernel call `action` after `calls` calls. */
function failingKernel(index: number, calls: number, action: string): KernelWorkerFault {
  return {
    workerPrelude: `
      if (workerData.index === ${index}) {
        const RealInstance = WebAssembly.Instance;
        WebAssembly.Instance = function (module, imports) {
          const real = new RealInstance(module, imports);
          let count = 0;
          const distBatch = (...args) => {
            if (++count > ${calls}) { ${action} }
            return real.exports.distBatch(...args);
          };
          return { exports: { distBatch } };
        };
      }`,
  };
}

describe('farthest-first kernel on worker threads', () => {
  it('picks the same rows as on the calling thread when no worker fails', async () => {
    const memory = allocateKernelMemory(ROWS, DIMS, 0, COUNT + 2);
    const { data } = clusteredRows(ROWS, DIMS, 5);
    for (let i = 0; i < ROWS; i++) {
      memory.projected.set(data.subarray(i * DIMS, (i + 1) * DIMS), i * memory.stride);
    }
    const inline = await farthestFirstNative(
      {
        projected: memory.projected,
        rows: ROWS,
        dims: DIMS,
        stride: memory.stride,
        count: COUNT,
        start: { kind: 'centroid' },
        logger: silentLogger,
        onProgress: undefined,
      },
      memory,
      0,
    );
    expect(Array.from(await runKernel())).toEqual(Array.from(inline));
  });

  it('rejects naming the error when a worker throws before the kernel starts', async () => {
    await expect(
      runKernel({
        workerPrelude: `if (workerData.index === 1) throw new Error('injected start-up failure');`,
      }),
    ).rejects.toThrow(/worker 1 failed: .*injected start-up failure/);
  });

  it('rejects naming the exit code when a worker exits before the kernel starts', async () => {
    await expect(
      runKernel({ workerPrelude: `if (workerData.index === 0) process.exit(7);` }),
    ).rejects.toThrow(/worker 0 exited with code 7/);
  });

  it('rejects naming the error when a worker throws inside a command', async () => {
    await expect(
      runKernel(failingKernel(1, 20, `throw new Error('injected kernel failure');`)),
    ).rejects.toThrow(/worker failed: .*injected kernel failure/);
  });

  it('rejects naming the exit code when a worker exits inside a command', async () => {
    await expect(runKernel(failingKernel(0, 20, 'process.exit(9);'))).rejects.toThrow(
      /worker 0 exited with code 9/,
    );
  });

  it('rejects when a worker does not start within the start-up limit', async () => {
    await expect(
      runKernel({
        workerPrelude: `if (workerData.index === 1) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);`,
        startLimitMs: 1000,
      }),
    ).rejects.toThrow(/1 of 2 workers started within 1000 ms/);
  });
});
