/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops indexed under their bound (STYLE §5) */

/** Per output index along one axis: the two source indices and the weight of the second. */
export interface BilinearAxis {
  /** Lower source index i0, [out]. */
  readonly lower: Int32Array;
  /** Upper source index i1 = min(i0 + 1, in − 1), [out]. */
  readonly upper: Int32Array;
  /** Weight λ of the upper index, [out]. */
  readonly lambda: Float32Array;
}

/**
 * Source positions of a bilinear resize along one axis with `align_corners = false` and no
 * antialiasing (PyTorch's rule, SPEC §2.3): src = max(0, (o + 0.5)·in/out − 0.5).
 *
 * @param inSize - source length.
 * @param outSize - destination length.
 * @returns lower and upper source indices and the upper weight per output index.
 */
export function bilinearAxis(inSize: number, outSize: number): BilinearAxis {
  const lower = new Int32Array(outSize);
  const upper = new Int32Array(outSize);
  const lambda = new Float32Array(outSize);
  // PyTorch computes the scale and the source position in float32 (area_pixel_compute_scale).
  const scale = Math.fround(inSize / outSize);
  for (let o = 0; o < outSize; o++) {
    const src = Math.max(0, Math.fround(Math.fround(scale * (o + 0.5)) - 0.5));
    const i0 = Math.min(Math.floor(src), inSize - 1);
    lower[o] = i0;
    upper[o] = Math.min(i0 + 1, inSize - 1);
    lambda[o] = Math.fround(src - i0);
  }
  return { lower, upper, lambda };
}

/**
 * Resizes `planes` row-major maps of [inHeight, inWidth] bilinearly to [outHeight, outWidth]
 * with `align_corners = false` and no antialiasing (SPEC §2.3, §5.1).
 *
 * @param source - planes × inHeight × inWidth values.
 * @param planes - number of maps.
 * @param inHeight - source height.
 * @param inWidth - source width.
 * @param outHeight - destination height.
 * @param outWidth - destination width.
 * @param destination - optional output buffer of planes × outHeight × outWidth values.
 * @returns the resized maps (`destination` when given).
 */
export function resizeBilinear(
  source: ArrayLike<number>,
  planes: number,
  inHeight: number,
  inWidth: number,
  outHeight: number,
  outWidth: number,
  destination: Float32Array = new Float32Array(planes * outHeight * outWidth),
): Float32Array {
  const rows = bilinearAxis(inHeight, outHeight);
  const cols = bilinearAxis(inWidth, outWidth);
  const inPlane = inHeight * inWidth;
  const outPlane = outHeight * outWidth;
  for (let plane = 0; plane < planes; plane++) {
    const inBase = plane * inPlane;
    const outBase = plane * outPlane;
    for (let oy = 0; oy < outHeight; oy++) {
      const row0 = inBase + rows.lower[oy]! * inWidth;
      const row1 = inBase + rows.upper[oy]! * inWidth;
      const ly = rows.lambda[oy]!;
      const hy = 1 - ly;
      const outRow = outBase + oy * outWidth;
      for (let ox = 0; ox < outWidth; ox++) {
        const c0 = cols.lower[ox]!;
        const c1 = cols.upper[ox]!;
        const lx = cols.lambda[ox]!;
        const hx = 1 - lx;
        destination[outRow + ox] =
          hy * (hx * source[row0 + c0]! + lx * source[row0 + c1]!) +
          ly * (hx * source[row1 + c0]! + lx * source[row1 + c1]!);
      }
    }
  }
  return destination;
}
