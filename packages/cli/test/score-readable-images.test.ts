import { InvalidFileError } from '@patchcore/core';
import type { ImageSample } from '@patchcore/core';
import { describe, expect, it } from 'vitest';
import { scoreReadableImages } from '../src/commands/score-readable-images.js';
import type { CliModel, CliPrediction } from '../src/pipeline/pipeline.js';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Scores an image by the number in its name; an image named 'bad-*' cannot be decoded. */
function stubModel(calls: number[]): CliModel {
  return {
    memoryBankSize: 1,
    fit: () => Promise.resolve(),
    predict: (samples: readonly ImageSample[]) => {
      calls.push(samples.length);
      const bad = samples.find((s) => s.path.startsWith('bad'));
      if (bad !== undefined) {
        return Promise.reject(new InvalidFileError(bad.path, 'cannot decode the image'));
      }
      return Promise.resolve(
        samples.map((sample): CliPrediction => ({
          sample,
          imageScore: Number(sample.path.split('-')[1]),
          anomalyMap: new Float32Array(1),
        })),
      );
    },
    anomalyMapAtOriginalSize: () => Promise.reject(new Error('not used')),
    save: () => Promise.resolve(),
    dispose: () => Promise.resolve(),
  };
}

const images = (names: string[]): ImageSample[] => names.map((path) => ({ path }));

describe('scoreReadableImages', () => {
  it('scores readable images in groups, one call for up to 16 images', async () => {
    const calls: number[] = [];
    const names = Array.from({ length: 20 }, (_, i) => `img-${i}`);
    const { predictions, failures } = await scoreReadableImages(stubModel(calls), images(names), {
      onProgress: () => undefined,
      logger: silent,
    });
    expect(calls).toEqual([16, 4]);
    expect(predictions.map((p) => p.imageScore)).toEqual(names.map((_, i) => i));
    expect(failures.size).toBe(0);
  });

  it('rescores only the group holding an unreadable image, image by image', async () => {
    const calls: number[] = [];
    const names = Array.from({ length: 18 }, (_, i) => (i === 17 ? 'bad-17' : `img-${i}`));
    const events: number[] = [];
    const { predictions, failures } = await scoreReadableImages(stubModel(calls), images(names), {
      onProgress: (event) => events.push(event.done),
      logger: silent,
    });
    expect(calls).toEqual([16, 2, 1, 1]);
    expect(predictions.map((p) => p.sample.path)).toEqual(names.slice(0, 17));
    expect([...failures]).toEqual([[17, 'bad-17: cannot decode the image']]);
    expect(events).toEqual([16, 18]);
  });

  it('passes on any other failure', async () => {
    const model = stubModel([]);
    const failing: CliModel = { ...model, predict: () => Promise.reject(new Error('faiss died')) };
    await expect(
      scoreReadableImages(failing, images(['img-1']), {
        onProgress: () => undefined,
        logger: silent,
      }),
    ).rejects.toThrow('faiss died');
  });
});
