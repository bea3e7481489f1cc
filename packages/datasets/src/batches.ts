import type { ImageSample, SampleBatches } from '@patchcore/core';

/**
 * Groups samples into batches of `batchSize`, in their given order; the last batch holds the
 * rest. Each `for await` over the result starts again from the first sample when `samples` is
 * an array (or another re-iterable source).
 *
 * @param samples - the samples, e.g. `category.train`.
 * @param batchSize - samples per batch, an integer ≥ 1.
 * @returns the batches as an async iterable (core's `SampleBatches`).
 * @throws RangeError, at once, naming the value when `batchSize` is not an integer ≥ 1.
 * @example
 * ```ts
 * for await (const batch of toBatches(category.test, 2)) console.log(batch.length);
 * ```
 */
export function toBatches(
  samples: Iterable<ImageSample> | AsyncIterable<ImageSample>,
  batchSize: number,
): SampleBatches {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  }
  return {
    async *[Symbol.asyncIterator]() {
      let batch: ImageSample[] = [];
      for await (const sample of samples) {
        batch.push(sample);
        if (batch.length === batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}
