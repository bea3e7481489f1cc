import { InvalidFileError, InvalidStateError } from '@patchcore/core';
import type { ImageSample, Logger, ProgressCallback } from '@patchcore/core';
import type { CliModel, CliPrediction } from '../pipeline/pipeline.js';

/** Images per `predict` call: enough for the model's own batching to pay off. */
const IMAGES_PER_CALL = 16;

/** What {@link scoreReadableImages} returns. */
export interface ScoredImages {
  /** One prediction per readable image, in input order. */
  readonly predictions: CliPrediction[];
  /** Why an image could not be scored, by its index in the input. */
  readonly failures: Map<number, string>;
}

/**
 * Scores images so that one unreadable image is reported and skipped instead of discarding the
 * scores of every other image: images go to the model in groups, and only a group in which an
 * image cannot be decoded is scored again image by image. Results do not depend on how images
 * are grouped (the model scores each image on its own), so the scores are those of one call.
 *
 * @param model - the model.
 * @param samples - the images.
 * @param options - progress (stage `'predict'`, counted in images), threshold, logger.
 * @returns the predictions of the readable images and the reasons of the others.
 * @throws whatever the model throws for anything but an undecodable input image.
 */
export async function scoreReadableImages(
  model: CliModel,
  samples: readonly ImageSample[],
  options: { onProgress: ProgressCallback; threshold?: number; logger: Logger },
): Promise<ScoredImages> {
  const predictions: CliPrediction[] = [];
  const failures = new Map<number, string>();
  const started = performance.now();
  const predictOptions = {
    onProgress: () => undefined,
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
  };
  const score = async (group: readonly ImageSample[]): Promise<CliPrediction[]> => {
    const scored = await model.predict(group, predictOptions);
    if (scored.length !== group.length) {
      throw new InvalidStateError(
        `the model returned ${scored.length} predictions for ${group.length} images`,
      );
    }
    return scored;
  };
  for (let first = 0; first < samples.length; first += IMAGES_PER_CALL) {
    const group = samples.slice(first, first + IMAGES_PER_CALL);
    try {
      predictions.push(...(await score(group)));
    } catch (error) {
      if (!isUnreadableInput(error, group)) throw error;
      for (const [offset, sample] of group.entries()) {
        try {
          predictions.push(...(await score([sample])));
        } catch (imageError) {
          if (!isUnreadableInput(imageError, [sample])) throw imageError;
          failures.set(first + offset, imageError.message);
          options.logger.warn(`skipped ${imageError.message}`);
        }
      }
    }
    options.onProgress({
      stage: 'predict',
      done: Math.min(first + IMAGES_PER_CALL, samples.length),
      total: samples.length,
      elapsedMs: performance.now() - started,
    });
  }
  return { predictions, failures };
}

function isUnreadableInput(
  error: unknown,
  group: readonly ImageSample[],
): error is InvalidFileError {
  return error instanceof InvalidFileError && group.some((sample) => sample.path === error.path);
}
