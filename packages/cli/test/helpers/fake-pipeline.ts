import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidFileError } from '@patchcore/core';
import type { ImageSample, ProgressCallback } from '@patchcore/core';
import sharp from 'sharp';
import type { CliModel, CliPrediction, Pipeline } from '../../src/pipeline/pipeline.js';

const GRID = 8;

async function greyGrid(path: string): Promise<Float32Array> {
  // Like the real backbone's preprocessing, an image that cannot be decoded is an
  // InvalidFileError naming the file.
  const { data } = await sharp(path)
    .greyscale()
    .resize(GRID, GRID, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch((error: unknown) => {
      throw new InvalidFileError(path, `cannot decode the image (${(error as Error).message})`);
    });
  return Float32Array.from(data);
}

/** A stand-in model: scores each cell by its squared difference to the training mean. */
class FakeModel implements CliModel {
  mean = 0;
  memoryBankSize = 0;

  async fit(samples: readonly ImageSample[], onProgress: ProgressCallback): Promise<void> {
    let sum = 0;
    for (const [i, sample] of samples.entries()) {
      sum += (await greyGrid(sample.path)).reduce((a, b) => a + b, 0) / (GRID * GRID);
      onProgress({ stage: 'extract', done: i + 1, total: samples.length, elapsedMs: 1 });
    }
    this.mean = sum / samples.length;
    this.memoryBankSize = samples.length;
  }

  async predict(
    samples: readonly ImageSample[],
    options: { onProgress: ProgressCallback; threshold?: number },
  ): Promise<CliPrediction[]> {
    const out: CliPrediction[] = [];
    for (const sample of samples) {
      const anomalyMap = (await greyGrid(sample.path)).map((v) => (v - this.mean) ** 2);
      const imageScore = Math.max(...anomalyMap);
      const t = options.threshold;
      out.push({
        sample,
        imageScore,
        anomalyMap,
        ...(t === undefined ? {} : { predictedLabel: imageScore >= t ? 1 : 0 }),
      });
    }
    return out;
  }

  async anomalyMapAtOriginalSize(prediction: CliPrediction) {
    const { width, height } = await sharp(prediction.sample.path).metadata();
    const data = new Float32Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const cell = Math.floor((y * GRID) / height) * GRID + Math.floor((x * GRID) / width);
        data[y * width + x] = prediction.anomalyMap[cell]!;
      }
    }
    return { data, width, height };
  }

  async save(dir: string): Promise<void> {
    await writeFile(
      join(dir, 'fake-model.json'),
      JSON.stringify({ mean: this.mean, size: this.memoryBankSize }),
    );
  }

  async dispose(): Promise<void> {}
}

async function listPngs(dir: string): Promise<string[]> {
  return (await readdir(dir))
    .filter((n) => n.endsWith('.png'))
    .sort()
    .map((n) => join(dir, n));
}

/** A {@link Pipeline} over {@link FakeModel} and a minimal MVTec reader. */
export function createFakePipeline(): Pipeline {
  return {
    createModel: () => Promise.resolve(new FakeModel()),
    loadModel: async (dir) => {
      const saved = JSON.parse(await readFile(join(dir, 'fake-model.json'), 'utf8')) as {
        mean: number;
        size: number;
      };
      const model = new FakeModel();
      model.mean = saved.mean;
      model.memoryBankSize = saved.size;
      return model;
    },
    loadSamples: async (path, _layout, split) => {
      if (split === 'train')
        return (await listPngs(join(path, 'train/good'))).map((p) => ({ path: p }));
      const samples: ImageSample[] = [];
      for (const type of (await readdir(join(path, 'test'))).sort()) {
        for (const p of await listPngs(join(path, 'test', type))) {
          const stem = p.split('/').pop()!.replace('.png', '');
          samples.push({
            path: p,
            label: type === 'good' ? 0 : 1,
            defectType: type,
            ...(type === 'good'
              ? {}
              : { maskPath: join(path, 'ground_truth', type, `${stem}_mask.png`) }),
          });
        }
      }
      return samples;
    },
    evaluate: async (model, samples, options) => {
      const predictions = await model.predict(samples, { onProgress: options.onProgress });
      const pos = predictions.filter((p) => p.sample.label === 1).map((p) => p.imageScore);
      const neg = predictions.filter((p) => p.sample.label === 0).map((p) => p.imageScore);
      let wins = 0;
      for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
      return {
        metrics: {
          imageAuroc: wins / (pos.length * neg.length),
          pixelAuroc: null,
          pixelAurocAnomalyOnly: null,
          pixelAupro: null,
          pixelAuproAnomalyOnly: null,
          maskBinarization: 'exact255',
          f1OracleThreshold: null,
        },
        predictions,
      };
    },
    runBenchmarks: (options) =>
      Promise.resolve({
        outDir: options.outDir ?? 'bench-results',
        summary: `ran ${options.mode}`,
      }),
  };
}
