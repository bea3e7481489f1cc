import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWeights, type TfjsLayersArtifacts } from '../../../tools/backbone/tfjs-artifacts.js';
import { convertTfjsLayersToOnnx } from '../../../tools/backbone/tfjs-to-onnx.js';
import { runTfjsReference } from '../../../tools/backbone/tfjs-reference.js';
import { loadBackbone } from '../src/index.js';

const OUTPUTS = ['relu', 'act', 'same_s2', 'bn_plain'];

/** A small functional model with every layer kind the converter supports, random weights. */
async function smallLayersModel(): Promise<TfjsLayersArtifacts> {
  await tf.setBackend('cpu');
  const L = tfl.layers;
  const input = tfl.input({ shape: [9, 9, 3] });
  const pad = L.zeroPadding2d({
    padding: [
      [0, 1],
      [0, 1],
    ],
    name: 'pad',
  }).apply(input);
  const conv = L.conv2d({
    filters: 4,
    kernelSize: 3,
    strides: 2,
    useBias: false,
    name: 'conv',
  }).apply(pad);
  const bn = L.batchNormalization({ name: 'bn' }).apply(conv);
  const relu = L.reLU({ maxValue: 6, name: 'relu' }).apply(bn) as tfl.SymbolicTensor;
  const dw = L.depthwiseConv2d({
    kernelSize: 3,
    padding: 'same',
    depthMultiplier: 2,
    useBias: false,
    name: 'dw',
  }).apply(relu);
  const dwBn = L.batchNormalization({ name: 'dw_bn' }).apply(dw);
  const proj = L.conv2d({ filters: 4, kernelSize: 1, activation: 'relu', name: 'proj' }).apply(
    dwBn,
  );
  const add = L.add({ name: 'add' }).apply([relu, proj as tfl.SymbolicTensor]);
  const act = L.activation({ activation: 'relu6', name: 'act' }).apply(add) as tfl.SymbolicTensor;
  const same = L.conv2d({
    filters: 2,
    kernelSize: 3,
    strides: 2,
    padding: 'same',
    name: 'same_s2',
  }).apply(act);
  const plain = L.batchNormalization({ name: 'bn_plain', center: false }).apply(act);
  const model = tfl.model({
    inputs: input,
    outputs: [relu, act, same, plain] as tfl.SymbolicTensor[],
  });
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  model.setWeights(
    model.weights.map((w) => {
      const shape = w.shape.map((d) => d ?? 1);
      const size = shape.reduce((a, b) => a * b, 1);
      const positive = /moving_variance|gamma/.test(w.originalName);
      const values = Float32Array.from({ length: size }, () =>
        positive ? 0.5 + random() : random() - 0.5,
      );
      return tf.tensor(values, shape);
    }),
  );
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      saved = artifacts;
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' },
      });
    }),
  );
  const data = saved!.weightData!;
  const weightData = Array.isArray(data) ? tf.io.CompositeArrayBuffer.join(data) : data;
  return {
    modelTopology: saved!.modelTopology as Record<string, unknown>,
    weightSpecs: saved!.weightSpecs!,
    weightData,
  };
}

function pseudoRandomBatch(n: number, h: number, w: number): Float32Array {
  return Float32Array.from({ length: n * 3 * h * w }, (_, i) => ((i * 7919) % 1000) / 1000);
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'backbone-convert-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('decodeWeights', () => {
  it('dequantises uint8 and uint16 as q · scale + min when the manifest says so', () => {
    // uint8 [0, 1, 4] | uint16 little-endian [0, 2] | float32 1.0
    const bytes = Uint8Array.from([0, 1, 4, 0, 0, 2, 0, 0, 0, 0x80, 0x3f]);
    const weights = decodeWeights(
      [
        {
          name: 'a',
          shape: [3],
          dtype: 'float32',
          quantization: { dtype: 'uint8', min: -1, scale: 0.5 },
        },
        {
          name: 'b',
          shape: [2],
          dtype: 'float32',
          quantization: { dtype: 'uint16', min: 1, scale: 0.25 },
        },
        { name: 'c', shape: [1], dtype: 'float32' },
      ],
      bytes.buffer,
    );
    expect([...weights.get('a')!]).toEqual([-1, -0.5, 1]);
    expect([...weights.get('b')!]).toEqual([1, 1.5]);
    expect([...weights.get('c')!]).toEqual([1]);
  });

  it('throws naming the weight when the shards are too short', () => {
    expect(() =>
      decodeWeights([{ name: 'big', shape: [8], dtype: 'float32' }], new ArrayBuffer(4)),
    ).toThrow(/'big'/);
  });
});

describe('convertTfjsLayersToOnnx', () => {
  it('matches TensorFlow.js within 1e-5 when every supported layer kind is used', async () => {
    const artifacts = await smallLayersModel();
    const path = join(folder, 'small.onnx');
    await writeFile(path, convertTfjsLayersToOnnx(artifacts, { outputs: OUTPUTS }));
    const input = pseudoRandomBatch(2, 9, 9);
    const reference = await runTfjsReference(artifacts, OUTPUTS, input, [2, 3, 9, 9]);
    const backbone = await loadBackbone(path, { inputShape: [3, 9, 9] });
    const maps = await backbone.extract({ data: input, shape: [2, 3, 9, 9] });
    await backbone.dispose();
    expect(maps.map((m) => m.layer)).toEqual(OUTPUTS);
    for (const [i, map] of maps.entries()) {
      expect(map.shape, map.layer).toEqual(reference[i]!.shape);
      expect(maxAbsDifference(map.data, reference[i]!.data), map.layer).toBeLessThan(1e-5);
    }
  });

  it('emits only the ancestors of the requested layers', async () => {
    const artifacts = await smallLayersModel();
    const bytes = convertTfjsLayersToOnnx(artifacts, { outputs: ['relu'] });
    const text = Buffer.from(bytes).toString('latin1');
    expect(text).toContain('relu');
    expect(text).not.toContain('same_s2');
    expect(text).not.toContain('dw/');
  });

  it('throws listing the layers when an output name is unknown', async () => {
    const artifacts = await smallLayersModel();
    expect(() => convertTfjsLayersToOnnx(artifacts, { outputs: ['nope'] })).toThrow(
      /unknown layer 'nope'; available: .*conv/,
    );
  });
});
