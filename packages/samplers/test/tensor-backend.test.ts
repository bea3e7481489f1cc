import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { NativeDependencyError } from '@patchcore/core';
import type { Logger } from '@patchcore/core';
import {
  ApproximateGreedyCoresetSampler,
  GreedyCoresetSampler,
  selectTensorBackend,
  useTensorBackend,
} from '../src/index.js';

function recordingLogger(lines: string[]): Logger {
  const push = (message: string | (() => string)) =>
    lines.push(typeof message === 'string' ? message : message());
  return { debug: push, info: push, warn: push, error: push };
}

describe('selectTensorBackend', () => {
  it('fails listing every package tried and why when the device is gpu and tfjs-node-gpu is missing', async () => {
    const error: unknown = await selectTensorBackend('gpu').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NativeDependencyError);
    expect((error as Error).message).toMatch(/tried @tensorflow\/tfjs-node-gpu: .*Cannot find/);
  });

  it('picks wasm and logs the choice when the device is auto and tfjs-node is not installed', async () => {
    const lines: string[] = [];
    const choice = await selectTensorBackend('auto', recordingLogger(lines));
    expect(choice).toEqual({
      name: 'wasm',
      packageName: '@tensorflow/tfjs-backend-wasm',
      gpu: false,
    });
    expect(tf.getBackend()).toBe('wasm');
    expect(lines.some((line) => line.includes("backend 'wasm'"))).toBe(true);
  });

  it('never picks a GPU backend when the device is cpu', async () => {
    const choice = await selectTensorBackend('cpu');
    expect(choice.gpu).toBe(false);
  });

  it('re-activates the chosen backend when something else switched it', async () => {
    await useTensorBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
    await selectTensorBackend('auto');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('rejects an unknown backend name naming it', async () => {
    await expect(useTensorBackend('webgl2')).rejects.toThrow(/'webgl2'/);
  });

  it('makes a greedy sampler fail clearly when its device is gpu', async () => {
    const sampler = new GreedyCoresetSampler(0.5, { device: 'gpu' });
    const features = { data: new Float32Array(8), rows: 4, dims: 2 };
    await expect(sampler.run(features)).rejects.toThrow(/no TensorFlow.js backend for gpu/);
  });

  it('honours device gpu for a tensor input too, instead of running on its backend', async () => {
    await useTensorBackend('cpu');
    const input = tf.tensor2d(new Float32Array(8), [4, 2]);
    try {
      const sampler = new ApproximateGreedyCoresetSampler(0.5, { device: 'gpu' });
      await expect(sampler.run(input)).rejects.toThrow(/no TensorFlow.js backend for gpu/);
    } finally {
      input.dispose();
    }
  });
});
