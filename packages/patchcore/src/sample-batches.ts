import type { ImageSample, SampleBatches } from '@patchcore/core';

/** What `fit` and `predict` accept: batches from a dataset, samples, or image paths. */
export type PatchCoreInput = SampleBatches | readonly ImageSample[] | readonly string[];

function isAsyncIterable(value: unknown): value is SampleBatches {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

// eslint-disable-next-line @typescript-eslint/require-await -- an async source for one array
async function* oneBatch<T>(items: readonly T[]): AsyncGenerator<readonly T[]> {
  yield items;
}

/**
 * Re-batches any {@link PatchCoreInput} into groups of at most `batchSize` samples, keeping
 * the order.
 *
 * @param input - batches, samples or paths.
 * @param batchSize - images per backbone call.
 * @returns the samples in order, in groups of at most `batchSize`.
 */
export async function* rebatch(
  input: PatchCoreInput,
  batchSize: number,
): AsyncGenerator<ImageSample[]> {
  let pending: ImageSample[] = [];
  const batches: AsyncIterable<readonly (ImageSample | string)[]> = isAsyncIterable(input)
    ? input
    : oneBatch<ImageSample | string>(input);
  for await (const batch of batches) {
    for (const item of batch) {
      pending.push(typeof item === 'string' ? { path: item } : item);
      if (pending.length === batchSize) {
        yield pending;
        pending = [];
      }
    }
  }
  if (pending.length > 0) yield pending;
}

/**
 * Counts the images of an input when that is known without reading it.
 *
 * @param input - batches, samples or paths.
 * @returns the count for arrays, undefined for async batches.
 */
export function knownImageCount(input: PatchCoreInput): number | undefined {
  return isAsyncIterable(input) ? undefined : (input as readonly unknown[]).length;
}
