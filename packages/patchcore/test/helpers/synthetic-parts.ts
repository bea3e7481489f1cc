import { createHash } from 'node:crypto';
import { createHostMatrix } from '@patchcore/core';
import type {
  FeatureExtractor,
  FeatureMap,
  FeatureSampler,
  HostMatrix,
  ImageBatch,
  SamplerDescription,
} from '@patchcore/core';
import type { ImagePreprocessor } from '../../src/index.js';
import { seededRandom } from './close.js';

/**
 * A tiny deterministic backbone: 'fine' = 3×3 average pools of the image plus squared
 * channels (6 channels at stride 4), 'coarse' = stride-8 pools mixed with tanh (4 channels).
 * Each image is processed independently of its batch.
 */
export class SyntheticExtractor implements FeatureExtractor {
  readonly layers: readonly string[];
  readonly inputShape: readonly [number, number, number];
  readonly normalization = null;
  calls = 0;
  constructor(
    size = 32,
    layers: readonly string[] = ['fine', 'coarse'],
    readonly checksum = 'synthetic-checksum-1',
  ) {
    this.inputShape = [3, size, size];
    this.layers = layers;
  }

  extract(batch: ImageBatch): Promise<FeatureMap[]> {
    this.calls++;
    const [n, , h, w] = batch.shape;
    const pool = (stride: number) => {
      const [ph, pw] = [h / stride, w / stride];
      const out = new Float32Array(n * 3 * ph * pw);
      for (let b = 0; b < n; b++)
        for (let c = 0; c < 3; c++)
          for (let y = 0; y < ph; y++)
            for (let x = 0; x < pw; x++) {
              let sum = 0;
              for (let dy = 0; dy < stride; dy++)
                for (let dx = 0; dx < stride; dx++)
                  sum += batch.data[((b * 3 + c) * h + y * stride + dy) * w + x * stride + dx]!;
              out[((b * 3 + c) * ph + y) * pw + x] = sum / (stride * stride);
            }
      return { data: out, ph, pw };
    };
    const fine = pool(4);
    const fineData = new Float32Array(n * 6 * fine.ph * fine.pw);
    const plane = fine.ph * fine.pw;
    for (let b = 0; b < n; b++)
      for (let c = 0; c < 3; c++)
        for (let i = 0; i < plane; i++) {
          const v = fine.data[(b * 3 + c) * plane + i]!;
          fineData[(b * 6 + c) * plane + i] = v;
          fineData[(b * 6 + c + 3) * plane + i] = v * v;
        }
    const coarse = pool(8);
    const cp = coarse.ph * coarse.pw;
    const coarseData = new Float32Array(n * 4 * cp);
    for (let b = 0; b < n; b++)
      for (let i = 0; i < cp; i++) {
        const [r, g, bl] = [0, 1, 2].map((c) => coarse.data[(b * 3 + c) * cp + i]!);
        coarseData[b * 4 * cp + i] = Math.tanh(r! - g!);
        coarseData[(b * 4 + 1) * cp + i] = Math.tanh(g! - bl!);
        coarseData[(b * 4 + 2) * cp + i] = r! * bl!;
        coarseData[(b * 4 + 3) * cp + i] = r! + g! + bl!;
      }
    const maps: Record<string, FeatureMap> = {
      fine: { layer: 'fine', data: fineData, shape: [n, 6, fine.ph, fine.pw] },
      coarse: { layer: 'coarse', data: coarseData, shape: [n, 4, coarse.ph, coarse.pw] },
    };
    return Promise.resolve(this.layers.map((layer) => maps[layer]!));
  }

  describe() {
    return { name: 'synthetic', checksum: this.checksum, layers: this.layers, normalization: null };
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

/** Keeps every `step`-th row, starting at row 0. */
export class StrideSampler implements FeatureSampler {
  constructor(readonly step = 3) {}

  describe(): SamplerDescription {
    return { name: 'random', percentage: 1 / this.step, seed: this.step };
  }

  coresetSize(featureCount: number): number {
    return Math.ceil(featureCount / this.step);
  }

  async run(features: HostMatrix): Promise<HostMatrix> {
    return (await this.select(features)).features;
  }

  select(features: HostMatrix) {
    const count = Math.ceil(features.rows / this.step);
    const coresetIndices = new Int32Array(count).map((_, i) => i * this.step);
    const data = new Float32Array(count * features.dims);
    coresetIndices.forEach((row, i) =>
      data.set(
        features.data.subarray(row * features.dims, (row + 1) * features.dims),
        i * features.dims,
      ),
    );
    return Promise.resolve({
      coresetIndices,
      features: createHostMatrix(data, count, features.dims),
    });
  }
}

/**
 * A decoder for paths like `img-7.png` or `defect-7.png?w=48&h=40`: a smooth random pattern
 * seeded by the name (defects get a bright square), as if resized to `size` and centre-cropped.
 */
export function syntheticPreprocessor(size = 32): ImagePreprocessor {
  return (path) => {
    const seed = createHash('sha256')
      .update(path.replace(/^defect/, 'img'))
      .digest()
      .readUInt32LE(0);
    const random = seededRandom(seed);
    const data = new Float32Array(3 * size * size);
    const phase = [random(), random(), random()].map((v) => v * 6);
    for (let c = 0; c < 3; c++)
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++)
          data[(c * size + y) * size + x] =
            0.5 + 0.3 * Math.sin(x / 3 + phase[c]!) * Math.cos(y / 4) + 0.05 * random();
    if (path.startsWith('defect')) {
      for (let c = 0; c < 3; c++)
        for (let y = 10; y < 16; y++)
          for (let x = 12; x < 18; x++) data[(c * size + y) * size + x] = 3;
    }
    const query = new URLSearchParams(path.split('?')[1] ?? '');
    const originalWidth = Number(query.get('w') ?? size);
    const originalHeight = Number(query.get('h') ?? size);
    return Promise.resolve({
      data,
      geometry: {
        originalWidth,
        originalHeight,
        resizedWidth: size,
        resizedHeight: size,
        cropLeft: 0,
        cropTop: 0,
        cropWidth: size,
        cropHeight: size,
      },
    });
  };
}
