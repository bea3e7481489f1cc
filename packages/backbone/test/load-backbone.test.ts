import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  InvalidConfigError,
  InvalidFileError,
  NativeDependencyError,
  ShapeMismatchError,
  type Logger,
} from '@patchcore/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnnxGraphBuilder } from '../../../tools/backbone/onnx-graph-builder.js';
import { IMAGENET_NORMALIZATION, loadBackbone } from '../src/index.js';

/**
 * image [N, 3, H, W] → Conv 1×1 'mix' (ch0 = R − G, ch1 = 2·B) → Relu node 'relu_node' →
 * Conv 1×1 stride 2 (identity) → graph output 'pooled'. 'mix' and the Relu's tensor are inner.
 */
function tinyModel(metadata: Record<string, string> = {}): Uint8Array {
  const builder = new OnnxGraphBuilder();
  builder.addInput('image', ['batch', 3, 'height', 'width']);
  builder.addFloatInitializer('mix_w', [2, 3, 1, 1], Float32Array.from([1, -1, 0, 0, 0, 2]));
  builder.addFloatInitializer('pick_w', [2, 2, 1, 1], Float32Array.from([1, 0, 0, 1]));
  builder.addNode('Conv', ['image', 'mix_w'], ['mix'], { kernel_shape: [1, 1] }, 'mix_node');
  builder.addNode('Relu', ['mix'], ['mix_relu'], {}, 'relu_node');
  builder.addNode('Conv', ['mix_relu', 'pick_w'], ['pooled'], {
    kernel_shape: [1, 1],
    strides: [2, 2],
  });
  builder.addOutput('pooled', ['batch', 2, 'h', 'w']);
  return builder.encode('tiny', metadata);
}

/** A 1×3×4×4 batch with R = 1, G = 2 + x, B = y. */
function batch() {
  const data = new Float32Array(3 * 16);
  for (let y = 0; y < 4; y++) {
    for (let x = 0; x < 4; x++) {
      data[y * 4 + x] = 1;
      data[16 + y * 4 + x] = 2 + x;
      data[32 + y * 4 + x] = y;
    }
  }
  return { data, shape: [1, 3, 4, 4] as [number, number, number, number] };
}

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let folder: string;
let plainPath: string;
let imagenetPath: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'backbone-load-'));
  plainPath = join(folder, 'tiny.onnx');
  imagenetPath = join(folder, 'tiny-imagenet.onnx');
  await writeFile(plainPath, tinyModel());
  await writeFile(
    imagenetPath,
    tinyModel({ 'patchcore.normalization': JSON.stringify(IMAGENET_NORMALIZATION) }),
  );
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('loadBackbone on an ONNX file', () => {
  it('returns the graph outputs as NCHW maps when no layers are requested', async () => {
    const backbone = await loadBackbone(plainPath, { inputShape: [3, 4, 4], logger: silent });
    const [pooled] = await backbone.extract(batch());
    expect(backbone.layers).toEqual(['pooled']);
    expect(pooled?.shape).toEqual([1, 2, 2, 2]);
    // ch0 = relu(1 − (2 + x)) = 0; ch1 = 2·y at even (y, x).
    expect([...pooled!.data]).toEqual([0, 0, 0, 0, 0, 0, 4, 4]);
    await backbone.dispose();
  });

  it('reorders channels-last outputs to NCHW when the file records patchcore.layout NHWC', async () => {
    const builder = new OnnxGraphBuilder();
    builder.addInput('image', ['batch', 3, 'height', 'width']);
    builder.addFloatInitializer('mix_w', [2, 3, 1, 1], Float32Array.from([1, 0, 0, 0, 0, 1]));
    builder.addNode('Conv', ['image', 'mix_w'], ['mix'], { kernel_shape: [1, 1] }, 'mix_node');
    builder.addNode('Transpose', ['mix'], ['nhwc'], { perm: [0, 2, 3, 1] }, 'to_nhwc');
    builder.addOutput('nhwc', ['batch', 'height', 'width', 2]);
    const path = join(folder, 'tiny-nhwc.onnx');
    await writeFile(path, builder.encode('tiny-nhwc', { 'patchcore.layout': 'NHWC' }));
    const backbone = await loadBackbone(path, { inputShape: [3, 4, 6], logger: silent });
    // A 4 × 6 image (not square, so swapped H and W would show) with R = 1, G = 0, B = y.
    const data = new Float32Array(3 * 24);
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 6; x++) {
        data[y * 6 + x] = 1;
        data[48 + y * 6 + x] = y;
      }
    }
    const [map] = await backbone.extract({ data, shape: [1, 3, 4, 6] });
    expect(map?.shape).toEqual([1, 2, 4, 6]);
    // Channel 0 is R (all 1), channel 1 is B (= y), each a 4 × 6 plane in row-major order.
    expect([...map!.data]).toEqual([
      ...Array<number>(24).fill(1),
      ...[0, 1, 2, 3].flatMap((y) => Array<number>(6).fill(y)),
    ]);
    await backbone.dispose();
    const badPath = join(folder, 'tiny-bad-layout.onnx');
    await writeFile(badPath, tinyModel({ 'patchcore.layout': 'CHWN' }));
    await expect(loadBackbone(badPath, { inputShape: [3, 4, 4], logger: silent })).rejects.toThrow(
      /patchcore.layout must be 'NCHW' or 'NHWC', got 'CHWN'/,
    );
  });

  it('exposes inner tensors and node outputs when they are requested as layers', async () => {
    const backbone = await loadBackbone(plainPath, {
      inputShape: [3, 4, 4],
      layersToExtractFrom: ['mix', 'relu_node', 'pooled'],
    });
    const maps = await backbone.extract(batch());
    expect(maps.map((m) => [m.layer, m.shape])).toEqual([
      ['mix', [1, 2, 4, 4]],
      ['relu_node', [1, 2, 4, 4]],
      ['pooled', [1, 2, 2, 2]],
    ]);
    expect([...maps[0]!.data.subarray(0, 4)]).toEqual([-1, -2, -3, -4]); // 1 − (2 + x)
    expect([...maps[1]!.data.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    expect(maps[1]!.data[16 + 4]).toBe(2); // relu(2·B) at y = 1
    await backbone.dispose();
  });

  it('throws InvalidConfigError listing the available names when a layer is unknown', async () => {
    const error = await loadBackbone(plainPath, { layersToExtractFrom: ['layer9'] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as Error).message).toMatch(/unknown layer 'layer9'.*pooled.*mix, mix_relu/);
  });

  it('reads the normalisation from metadata and the checksum from the file', async () => {
    const backbone = await loadBackbone(imagenetPath, { inputShape: [3, 4, 4] });
    expect(backbone.normalization).toEqual(IMAGENET_NORMALIZATION);
    const description = backbone.describe();
    expect(description.name).toBe('tiny-imagenet');
    expect(description.checksum).toBe(
      createHash('sha256')
        .update(tinyModel({ 'patchcore.normalization': JSON.stringify(IMAGENET_NORMALIZATION) }))
        .digest('hex'),
    );
    await backbone.dispose();
  });

  it('warns and uses no normalisation when an unknown file records none', async () => {
    const warnings: string[] = [];
    const logger = {
      ...silent,
      warn: (m: string | (() => string)) => void warnings.push(String(m)),
    };
    const backbone = await loadBackbone(plainPath, { logger });
    expect(backbone.normalization).toBeNull();
    expect(warnings.join()).toMatch(/no patchcore.normalization/);
    await backbone.dispose();
  });

  it('throws ShapeMismatchError when the batch does not match inputShape', async () => {
    const backbone = await loadBackbone(plainPath, { inputShape: [3, 8, 8] });
    await expect(backbone.extract(batch())).rejects.toBeInstanceOf(ShapeMismatchError);
    await backbone.dispose();
  });

  it('throws InvalidFileError naming the file when it is not an ONNX model', async () => {
    const path = join(folder, 'garbage.onnx');
    await writeFile(path, 'this is not protobuf');
    await expect(loadBackbone(path)).rejects.toThrow(InvalidFileError);
    await expect(loadBackbone(path)).rejects.toThrow(/garbage\.onnx/);
  });

  it('loads a torchvision-style export by name from modelsDir when its metadata is set', async () => {
    // Stand-in for export.py's output: input 'image', outputs 'layer2' and 'layer3'.
    const builder = new OnnxGraphBuilder();
    builder.addInput('image', ['batch', 3, 'height', 'width']);
    builder.addFloatInitializer('w2', [4, 3, 1, 1], new Float32Array(12).fill(1));
    builder.addFloatInitializer('w3', [8, 4, 1, 1], new Float32Array(32).fill(0.5));
    builder.addNode('Conv', ['image', 'w2'], ['layer2'], { kernel_shape: [1, 1], strides: [2, 2] });
    builder.addNode('Conv', ['layer2', 'w3'], ['layer3'], {
      kernel_shape: [1, 1],
      strides: [2, 2],
    });
    builder.addOutput('layer2', ['batch', 4, 'h2', 'w2']);
    builder.addOutput('layer3', ['batch', 8, 'h3', 'w3']);
    const models = join(folder, 'models');
    await mkdir(models, { recursive: true });
    const metadata = {
      'patchcore.layers': 'layer2,layer3',
      'patchcore.normalization': JSON.stringify(IMAGENET_NORMALIZATION),
    };
    await writeFile(join(models, 'resnet18.onnx'), builder.encode('resnet18', metadata));
    const backbone = await loadBackbone('resnet18', { modelsDir: models, inputShape: [3, 4, 4] });
    expect(backbone.layers).toEqual(['layer2', 'layer3']);
    expect(backbone.normalization).toEqual(IMAGENET_NORMALIZATION);
    expect(backbone.describe().name).toBe('resnet18');
    const maps = await backbone.extract(batch());
    expect(maps.map((m) => m.shape)).toEqual([
      [1, 4, 2, 2],
      [1, 8, 1, 1],
    ]);
    expect(maps[0]!.data[0]).toBe(3); // R + G + B at (0, 0) = 1 + 2 + 0
    await backbone.dispose();
  });

  it('throws InvalidFileError with how to create it when a known backbone file is missing', async () => {
    const error = await loadBackbone('wideresnet50', { modelsDir: folder }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidFileError);
    expect((error as Error).message).toMatch(/wideresnet50\.onnx.*export-torchvision\/export\.py/);
  });

  it('throws RangeError when intraOpThreads or inputShape is invalid', async () => {
    await expect(loadBackbone(plainPath, { intraOpThreads: -1 })).rejects.toThrow(/intraOpThreads/);
    await expect(loadBackbone(plainPath, { inputShape: [1, 4, 4] })).rejects.toThrow(/inputShape/);
  });

  const ortDir = dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
  const hasCuda = existsSync(
    join(ortDir, 'bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so'),
  );
  it.skipIf(hasCuda)(
    'throws NativeDependencyError explaining CUDA when its binaries are absent',
    async () => {
      const error = await loadBackbone(plainPath, { executionProvider: 'cuda' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NativeDependencyError);
      expect((error as Error).message).toMatch(/CUDA execution provider is not available/);
    },
  );
});
