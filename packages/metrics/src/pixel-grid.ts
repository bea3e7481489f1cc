/**
 * One image's values on its pixel grid, row-major: an `anomalyMap` [H, W] of scores or a
 * ground-truth `mask` [H, W] holding 0 (nominal) and 1 (anomalous).
 */
export interface PixelGrid {
  /** Row-major values, `width * height` long. */
  readonly data: ArrayLike<number>;
  /** Width W in pixels. */
  readonly width: number;
  /** Height H in pixels. */
  readonly height: number;
}

/**
 * Which test images a pixel metric covers: `'full'` takes every image (R's `full_pixel_auroc`,
 * `full_pro`), `'anomalous'` only images whose mask has at least one anomalous pixel (R's
 * `anomaly_pixel_auroc`, `anomaly_pro`).
 */
export type PixelMetricVariant = 'full' | 'anomalous';
