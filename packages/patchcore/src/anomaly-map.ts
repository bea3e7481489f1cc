import { cropMapToOriginal } from '@patchcore/backbone';
import type { CropGeometry } from '@patchcore/core';
import { resizeBilinear } from './kernels/bilinear-resize.js';
import { gaussianBlur } from './kernels/gaussian-blur.js';

/** σ of the map smoothing (SPEC §5.1, hard-coded in the reference). */
export const ANOMALY_MAP_SIGMA = 4;

/**
 * Turns one image's patch scores into its anomaly map at crop size (SPEC §5.1): bilinear
 * resize (align corners false) from the patch grid to [H, W], then a σ = 4, 33-tap Gaussian
 * with SciPy `reflect` borders, float32 throughout.
 *
 * @param patchScores - [n_h·n_w] row-major.
 * @param patchGrid - [n_h, n_w].
 * @param cropSize - [H, W].
 * @returns `anomalyMap` [H·W] row-major.
 */
export function anomalyMapFromPatchScores(
  patchScores: Float32Array,
  patchGrid: readonly [number, number],
  cropSize: readonly [number, number],
): Float32Array {
  const resized = resizeBilinear(
    patchScores,
    1,
    patchGrid[0],
    patchGrid[1],
    cropSize[0],
    cropSize[1],
  );
  return gaussianBlur(resized, cropSize[0], cropSize[1], ANOMALY_MAP_SIGMA);
}

/** An anomaly map on the original image's pixel grid. */
export interface OriginalSizeMap {
  /** [height·width] row-major. */
  readonly data: Float32Array;
  /** Original width. */
  readonly width: number;
  /** Original height. */
  readonly height: number;
}

/** What {@link anomalyMapAtOriginalSize} needs of a prediction. */
export interface MapWithGeometry {
  /** The crop-size map [cropHeight·cropWidth]. */
  readonly anomalyMap: Float32Array;
  /** How the image was resized and cropped. */
  readonly geometry: CropGeometry;
}

/**
 * Puts a crop-size anomaly map back onto the original image with `cropMapToOriginal` of
 * `@patchcore/backbone`: each original pixel whose centre falls inside the crop (mapped through
 * the shorter-side resize) gets the bilinear value of the crop map at that position (edges
 * clamped).
 *
 * @remarks
 * Pixels outside the centre crop were never seen by the backbone. They get `fill`, 0 by
 * default: the lowest possible patch score (a squared distance), i.e. "no evidence", not a
 * measurement. For a square image resized and cropped 256 → 224 that is a border of
 * about 6% of the side on each edge.
 *
 * @param prediction - its `anomalyMap` and `geometry`.
 * @param fill - value for pixels outside the crop.
 * @returns the map at the original width and height.
 * @throws {@link ShapeMismatchError} when `anomalyMap` is not crop-sized.
 */
export function anomalyMapAtOriginalSize(prediction: MapWithGeometry, fill = 0): OriginalSizeMap {
  const g = prediction.geometry;
  const data = cropMapToOriginal(prediction.anomalyMap, g, fill);
  return { data, width: g.originalWidth, height: g.originalHeight };
}
