/** Ground-truth label: 0 nominal, 1 anomalous. */
export type Label = 0 | 1;

/** One image of a dataset, with what is known about it. */
export interface ImageSample {
  /** Path of the image file. */
  readonly path: string;
  /** Ground-truth label, when known. */
  readonly label?: Label;
  /** Path of the ground-truth defect mask, when the image is anomalous and has one. */
  readonly maskPath?: string;
  /** MVTec defect type (test folder name, `'good'` for nominal images), when known. */
  readonly defectType?: string;
}

/** Batches of samples, in a deterministic order; what `fit` and `predict` consume. */
export type SampleBatches = AsyncIterable<readonly ImageSample[]>;
