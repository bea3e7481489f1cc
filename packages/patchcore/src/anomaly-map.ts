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

function axisToCrop(
  originalSize: number,
  resizedSize: number,
  cropStart: number,
  cropSize: number,
): { inside: Uint8Array; lower: Int32Array; upper: Int32Array; lambda: Float32Array } {
  const inside = new Uint8Array(originalSize);
  const lower = new Int32Array(originalSize);
  const upper = new Int32Array(originalSize);
  const lambda = new Float32Array(originalSize);
  const scale = resizedSize / originalSize;
  for (let o = 0; o < originalSize; o++) {
    // Centre of original pixel o in resized-image coordinates (pixel edges at integers).
    const centre = (o + 0.5) * scale;
    if (centre < cropStart || centre >= cropStart + cropSize) continue;
    inside[o] = 1;
    const src = Math.min(Math.max(centre - cropStart - 0.5, 0), cropSize - 1);
    const i0 = Math.floor(src);
    lower[o] = i0;
    upper[o] = Math.min(i0 + 1, cropSize - 1);
    lambda[o] = src - i0;
  }
  return { inside, lower, upper, lambda };
}

/**
 * Puts a crop-size anomaly map back onto the original image: each original pixel whose centre
 * falls inside the crop (mapped through the shorter-side resize) gets the bilinear value of
 * the crop map at that position (edges clamped).
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
 */
export function anomalyMapAtOriginalSize(prediction: MapWithGeometry, fill = 0): OriginalSizeMap {
  const g = prediction.geometry;
  const map = prediction.anomalyMap;
  const rows = axisToCrop(g.originalHeight, g.resizedHeight, g.cropTop, g.cropHeight);
  const cols = axisToCrop(g.originalWidth, g.resizedWidth, g.cropLeft, g.cropWidth);
  const data = new Float32Array(g.originalWidth * g.originalHeight).fill(fill);
  for (let y = 0; y < g.originalHeight; y++) {
    if (rows.inside[y] === 0) continue;
    const r0 = (rows.lower[y] ?? 0) * g.cropWidth;
    const r1 = (rows.upper[y] ?? 0) * g.cropWidth;
    const ly = rows.lambda[y] ?? 0;
    for (let x = 0; x < g.originalWidth; x++) {
      if (cols.inside[x] === 0) continue;
      const c0 = cols.lower[x] ?? 0;
      const c1 = cols.upper[x] ?? 0;
      const lx = cols.lambda[x] ?? 0;
      const top = (1 - lx) * (map[r0 + c0] ?? 0) + lx * (map[r0 + c1] ?? 0);
      const bottom = (1 - lx) * (map[r1 + c0] ?? 0) + lx * (map[r1 + c1] ?? 0);
      data[y * g.originalWidth + x] = (1 - ly) * top + ly * bottom;
    }
  }
  return { data, width: g.originalWidth, height: g.originalHeight };
}
