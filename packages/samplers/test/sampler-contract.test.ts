import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { NonFiniteValueError, PatchcoreError } from '@patchcore/core';
import type { FeatureSampler, HostMatrix, ProgressEvent } from '@patchcore/core';
import {
  ApproximateGreedyCoresetSampler,
  GreedyCoresetSampler,
  IdentitySampler,
  RandomSampler,
  useTensorBackend,
} from '../src/index.js';
import { BACKENDS, clusteredRows } from './helpers.js';

type Backend = (typeof BACKENDS)[number];

/** Every sampler, configured for one backend; `subsamples` is false for the identity. */
const SAMPLERS: readonly {
  name: string;
  subsamples: boolean;
  make: (backend: Backend, seed?: number) => FeatureSampler;
}[] = [
  { name: 'IdentitySampler', subsamples: false, make: () => new IdentitySampler() },
  {
    name: 'RandomSampler',
    subsamples: true,
    make: (_, seed = 0) => new RandomSampler(0.1, { seed }),
  },
  {
    name: 'GreedyCoresetSampler (native kernel)',
    subsamples: true,
    make: (backend, seed = 0) => new GreedyCoresetSampler(0.1, { backend, seed, kernel: 'native' }),
  },
  {
    name: 'GreedyCoresetSampler (tensor ops)',
    subsamples: true,
    make: (backend, seed = 0) => new GreedyCoresetSampler(0.1, { backend, seed, kernel: 'tensor' }),
  },
  {
    name: 'ApproximateGreedyCoresetSampler (native kernel)',
    subsamples: true,
    make: (backend, seed = 0) =>
      new ApproximateGreedyCoresetSampler(0.1, { backend, seed, kernel: 'native' }),
  },
  {
    name: 'ApproximateGreedyCoresetSampler (tensor ops)',
    subsamples: true,
    make: (backend, seed = 0) =>
      new ApproximateGreedyCoresetSampler(0.1, { backend, seed, kernel: 'tensor' }),
  },
];

function rowOf(matrix: HostMatrix, row: number): number[] {
  return Array.from(matrix.data.subarray(row * matrix.dims, (row + 1) * matrix.dims));
}

describe.each(BACKENDS)('FeatureSampler contract on the %s backend', (backend) => {
  beforeAll(async () => {
    await useTensorBackend(backend);
  });

  describe.each(SAMPLERS)('$name', ({ make, subsamples }) => {
    const features = clusteredRows(230, 20, 4);
    const expectedRows = subsamples ? 23 : 230;

    it('returns original rows, distinct, in selection order when given a host matrix', async () => {
      const selection = await make(backend).select(features);
      expect(selection.coresetIndices).toHaveLength(expectedRows);
      expect(new Set(selection.coresetIndices).size).toBe(expectedRows);
      expect(selection.features.rows).toBe(expectedRows);
      expect(selection.features.dims).toBe(20);
      selection.coresetIndices.forEach((row, k) => {
        expect(rowOf(selection.features, k)).toEqual(rowOf(features, row));
      });
      const matrix = await make(backend).run(features);
      expect(matrix.data).toBeInstanceOf(Float32Array);
      expect(Array.from(matrix.data)).toEqual(Array.from(selection.features.data));
    });

    it('returns a tensor on the same backend when given a tensor', async () => {
      await useTensorBackend(backend);
      const input = tf.tensor2d(features.data, [features.rows, features.dims]);
      const host = await make(backend).run(features);
      const sampler = make(backend) as unknown as { run(t: tf.Tensor2D): Promise<tf.Tensor2D> };
      const output = await sampler.run(input);
      expect(output.shape).toEqual([expectedRows, 20]);
      expect(output.dtype).toBe('float32');
      expect(tf.getBackend()).toBe(backend);
      const engine = tf.engine() as unknown as {
        state: { tensorInfo: WeakMap<object, { backend: unknown }> };
        backend: unknown;
      };
      expect(engine.state.tensorInfo.get(output.dataId)?.backend).toBe(engine.backend);
      expect(Array.from(await output.data())).toEqual(Array.from(host.data));
      input.dispose();
      output.dispose();
    });

    it("returns the tensor on the input tensor's backend when it computes on another", async () => {
      const other = BACKENDS.find((name) => name !== backend)!;
      await useTensorBackend(backend);
      const input = tf.tensor2d(features.data, [features.rows, features.dims]);
      await useTensorBackend(other);
      try {
        // The greedy samplers are told to compute on the other backend, so the run leaves that
        // one active: the output must still be made on the input's backend.
        const sampler = make(other) as unknown as { run(t: tf.Tensor2D): Promise<tf.Tensor2D> };
        const output = await sampler.run(input);
        const engine = tf.engine();
        const holder = engine.state.tensorInfo.get(output.dataId)?.backend;
        const holderName = Object.keys(engine.registry).find((n) => engine.registry[n] === holder);
        expect(holderName).toBe(backend);
        expect(output.shape).toEqual([expectedRows, 20]);
        if (output !== input) output.dispose();
      } finally {
        input.dispose();
        await useTensorBackend(backend);
      }
    });

    it('gives the same rows in the same order when run twice with the same seed', async () => {
      const first = await make(backend, 9).select(features);
      const second = await make(backend, 9).select(features);
      expect(Array.from(second.coresetIndices)).toEqual(Array.from(first.coresetIndices));
    });

    it('keeps one row when N = 1', async () => {
      const single: HostMatrix = { data: Float32Array.of(1, 2, 3), rows: 1, dims: 3 };
      const selection = await make(backend).select(single);
      expect(Array.from(selection.coresetIndices)).toEqual([0]);
      expect(Array.from(selection.features.data)).toEqual([1, 2, 3]);
    });

    it('takes the lowest distinct indices without repeats when every row is equal', async () => {
      const constant: HostMatrix = { data: new Float32Array(50 * 4).fill(0.5), rows: 50, dims: 4 };
      const { coresetIndices } = await make(backend).select(constant);
      const expected = subsamples ? 5 : 50;
      expect(new Set(coresetIndices).size).toBe(expected);
      if (subsamples && !(make(backend) instanceof RandomSampler)) {
        // SPEC §3.8 item 4: the lowest-index unselected rows, in ascending order.
        expect(Array.from(coresetIndices)).toEqual([0, 1, 2, 3, 4]);
      }
    });

    it('rejects an empty, non-2-D or non-finite input with a clear error', async () => {
      const sampler = make(backend) as unknown as {
        select(features: unknown): Promise<unknown>;
        run(features: unknown): Promise<unknown>;
      };
      await expect(sampler.select({ data: new Float32Array(0), rows: 0, dims: 4 })).rejects.toThrow(
        /empty: \[0, 4\]/,
      );
      const cube = tf.zeros([2, 2, 2]) as unknown as tf.Tensor2D;
      await expect(sampler.select(cube)).rejects.toBeInstanceOf(PatchcoreError);
      await expect(sampler.select(cube)).rejects.toThrow(/2-D.*\[2, 2, 2\]/);
      cube.dispose();
      const bad = Float32Array.of(1, 2, Number.NaN, 4);
      await expect(sampler.select({ data: bad, rows: 2, dims: 2 })).rejects.toBeInstanceOf(
        NonFiniteValueError,
      );
      const infinite = Float32Array.of(1, Infinity);
      await expect(sampler.run({ data: infinite, rows: 1, dims: 2 })).rejects.toThrow(/Infinity/);
      const fractional = { data: new Float32Array(5), rows: 2.5, dims: 2 };
      await expect(sampler.select(fractional)).rejects.toBeInstanceOf(PatchcoreError);
      await expect(sampler.select(fractional)).rejects.toThrow(/integer .*\[2\.5, 2\]/);
    });
  });

  it.each(SAMPLERS.filter((s) => s.name.includes('Greedy')))(
    '$name reports progress up to n of n',
    async ({ make }) => {
      const events: ProgressEvent[] = [];
      await make(backend).run(clusteredRows(230, 20, 4), { onProgress: (e) => events.push(e) });
      const last = events[events.length - 1]!;
      expect(last).toMatchObject({ stage: 'sample', done: 23, total: 23 });
      expect(last.elapsedMs).toBeGreaterThanOrEqual(0);
      expect(events.every((e, k) => k === 0 || e.done >= events[k - 1]!.done)).toBe(true);
    },
  );
});
