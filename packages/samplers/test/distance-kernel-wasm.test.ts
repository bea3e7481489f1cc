import { describe, expect, it } from 'vitest';
import {
  buildDistanceModuleBytes,
  distBatchReference,
} from '../src/kernels/distance-kernel-wasm.js';
import { RandomGenerator } from '../src/index.js';
import { webAssembly as wasm } from '../src/kernels/webassembly-api.js';

describe('WebAssembly distance kernel', () => {
  it('matches its plain JavaScript reference bit for bit when given random rows', () => {
    const rows = 300;
    const stride = 24;
    const memory = new wasm.Memory({ initial: 1, maximum: 1, shared: true });
    const instance = new wasm.Instance(new wasm.Module(buildDistanceModuleBytes()), {
      env: { memory },
    });
    const distBatch = instance.exports['distBatch'] as (...args: number[]) => void;
    const matrix = new Float32Array(memory.buffer, 0, rows * stride);
    const random = new RandomGenerator(1);
    for (let k = 0; k < matrix.length; k++) matrix[k] = random.nextOpenUnit() * 10 - 5;
    const indexOffset = rows * stride * 4;
    const outOffset = indexOffset + rows * 4;
    const indices = new Int32Array(memory.buffer, indexOffset, rows);
    for (let k = 0; k < rows; k++) indices[k] = (k * 7) % rows;
    distBatch(0, stride * 4, stride / 8, 5 * stride * 4, indexOffset, rows, outOffset);
    const expected = new Float32Array(rows);
    distBatchReference(matrix, stride, 5 * stride, indices, rows, expected);
    expect(Array.from(new Float32Array(memory.buffer, outOffset, rows))).toEqual(
      Array.from(expected),
    );
    expect(expected[indices.indexOf(5)]).toBe(0);
  });
});
