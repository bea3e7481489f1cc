import type { FeatureSampler, HostMatrix } from '@patchcore/core';
import { createHostMatrix } from '@patchcore/core';

/** A sampler that keeps the features it is given and a handle to take them. */
export interface FeatureCapture {
  /** Keeps the input and returns its first row (a one-row memory bank). */
  readonly sampler: FeatureSampler;
  /** The features of the last run, once; undefined before a run. */
  take(): HostMatrix | undefined;
}

/**
 * A stand-in sampler for reading a model's training features [N, D] during `fit`.
 *
 * @returns the sampler and the handle.
 */
export function captureFeatures(): FeatureCapture {
  let captured: HostMatrix | undefined;
  const firstRow = (features: HostMatrix): HostMatrix =>
    createHostMatrix(features.data.slice(0, features.dims), 1, features.dims);
  return {
    sampler: {
      describe: () => ({ name: 'identity' }),
      run: (features) => {
        captured = features;
        return Promise.resolve(firstRow(features));
      },
      select: (features) => {
        captured = features;
        return Promise.resolve({
          coresetIndices: Int32Array.of(0),
          features: firstRow(features),
        });
      },
    },
    take: () => {
      const features = captured;
      captured = undefined;
      return features;
    },
  };
}
