import type { CropGeometry } from '@patchcore/core';
import { ShapeMismatchError } from '@patchcore/core';

/** A rectangle in original-image pixels, edges continuous (not rounded). */
export interface OriginalRegion {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The part of the original image that the crop shows.
 *
 * @param geometry - from {@link preprocessImage}.
 * @returns the crop's edges in original pixels; e.g. 900×900 → 256 → 224 gives left = top =
 * 56.25 and width = height = 787.5.
 */
export function cropRegionInOriginal(geometry: CropGeometry): OriginalRegion {
  const sx = geometry.originalWidth / geometry.resizedWidth;
  const sy = geometry.originalHeight / geometry.resizedHeight;
  return {
    left: geometry.cropLeft * sx,
    top: geometry.cropTop * sy,
    width: geometry.cropWidth * sx,
    height: geometry.cropHeight * sy,
  };
}

/**
 * Maps the centre of crop pixel (x, y) to original-image pixel coordinates (pixel centres at
 * integer + 0.5 edges, i.e. the half-pixel convention of the resize).
 *
 * @param geometry - from {@link preprocessImage}.
 * @param x - column in the crop.
 * @param y - row in the crop.
 * @returns the same point in the original image, as fractional pixel indices.
 */
export function cropPointToOriginal(
  geometry: CropGeometry,
  x: number,
  y: number,
): { x: number; y: number } {
  const sx = geometry.originalWidth / geometry.resizedWidth;
  const sy = geometry.originalHeight / geometry.resizedHeight;
  return {
    x: (x + geometry.cropLeft + 0.5) * sx - 0.5,
    y: (y + geometry.cropTop + 0.5) * sy - 0.5,
  };
}

/**
 * Puts a crop-sized map (e.g. an anomaly map [cropHeight, cropWidth]) back onto the original
 * image: bilinear sampling at each original pixel (edges clamped), `fill` where the pixel's centre
 * falls outside the cropped region (a centre exactly on the region's far edge is outside).
 *
 * @param map - [cropHeight, cropWidth] row-major values.
 * @param geometry - from {@link preprocessImage}.
 * @param fill - value for original pixels the crop does not cover. @defaultValue 0
 * @returns [originalHeight, originalWidth] row-major values.
 * @throws {@link ShapeMismatchError} when `map` is not cropHeight · cropWidth long.
 */
export function cropMapToOriginal(
  map: Float32Array,
  geometry: CropGeometry,
  fill = 0,
): Float32Array {
  const { cropWidth, cropHeight, originalWidth, originalHeight } = geometry;
  if (map.length !== cropWidth * cropHeight) {
    throw new ShapeMismatchError('crop-sized map', [cropHeight, cropWidth], [map.length]);
  }
  const columns = sampleAxis(originalWidth, geometry.resizedWidth, geometry.cropLeft, cropWidth);
  const rows = sampleAxis(originalHeight, geometry.resizedHeight, geometry.cropTop, cropHeight);
  const out = new Float32Array(originalWidth * originalHeight).fill(fill);
  for (let y = 0; y < originalHeight; y++) {
    const r0 = rows.i0[y] as number;
    if (r0 < 0) continue;
    const r1 = rows.i1[y] as number;
    const ry = rows.lambda[y] as number;
    for (let x = 0; x < originalWidth; x++) {
      const c0 = columns.i0[x] as number;
      if (c0 < 0) continue;
      const c1 = columns.i1[x] as number;
      const rx = columns.lambda[x] as number;
      const top =
        (map[r0 * cropWidth + c0] as number) * (1 - rx) + (map[r0 * cropWidth + c1] as number) * rx;
      const bottom =
        (map[r1 * cropWidth + c0] as number) * (1 - rx) + (map[r1 * cropWidth + c1] as number) * rx;
      out[y * originalWidth + x] = top * (1 - ry) + bottom * ry;
    }
  }
  return out;
}

/** For each original index: the two crop indices and the weight of the second (−1: outside). */
function sampleAxis(
  originalSize: number,
  resizedSize: number,
  cropStart: number,
  cropSize: number,
) {
  const i0 = new Int32Array(originalSize);
  const i1 = new Int32Array(originalSize);
  const lambda = new Float64Array(originalSize);
  for (let o = 0; o < originalSize; o++) {
    const inCrop = ((o + 0.5) * resizedSize) / originalSize - 0.5 - cropStart;
    // Inside iff the pixel centre lies in the crop's half-open span [start, start + size) of
    // resized pixels, the span the centre crop keeps (SPEC §1.1).
    if (inCrop < -0.5 || inCrop >= cropSize - 0.5) {
      i0[o] = -1;
      continue;
    }
    const clamped = Math.min(Math.max(inCrop, 0), cropSize - 1);
    const lower = Math.floor(clamped);
    i0[o] = lower;
    i1[o] = Math.min(lower + 1, cropSize - 1);
    lambda[o] = clamped - lower;
  }
  return { i0, i1, lambda };
}
