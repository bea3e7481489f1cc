/**
 * One axis of the resize: for every output sample, the first input index and the fixed-point
 * weights of its taps.
 */
interface AxisTaps {
  readonly first: Int32Array;
  readonly count: Int32Array;
  /** `maxTaps` weights per output sample, scaled by 2²². */
  readonly weights: Int32Array;
  readonly maxTaps: number;
}

const PRECISION_BITS = 22;
const HALF = 1 << (PRECISION_BITS - 1);
const ONE = 1 << PRECISION_BITS;

/**
 * Computes the taps of Pillow's antialiased bilinear filter for one axis (SPEC §1.1 steps 2–4).
 *
 * @param inSize - input samples.
 * @param outSize - output samples.
 * @returns per output sample: first tap, tap count and fixed-point weights.
 */
function axisTaps(inSize: number, outSize: number): AxisTaps {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filterScale;
  const maxTaps = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * maxTaps);
  const raw = new Float64Array(maxTaps);
  for (let o = 0; o < outSize; o++) {
    const centre = (o + 0.5) * scale;
    const j0 = Math.max(0, Math.trunc(centre - support + 0.5));
    const j1 = Math.min(inSize, Math.trunc(centre + support + 0.5));
    let sum = 0;
    for (let j = j0; j < j1; j++) {
      const w = Math.max(0, 1 - Math.abs((j + 0.5 - centre) / filterScale));
      raw[j - j0] = w;
      sum += w;
    }
    for (let t = 0; t < j1 - j0; t++) {
      const w = sum === 0 ? 0 : (raw[t] as number) / sum;
      // Round half away from zero, as Pillow does when it converts to fixed point.
      weights[o * maxTaps + t] = w < 0 ? Math.trunc(-0.5 + w * ONE) : Math.trunc(0.5 + w * ONE);
    }
    first[o] = j0;
    count[o] = j1 - j0;
  }
  return { first, count, weights, maxTaps };
}

function clip8(accumulator: number): number {
  const value = Math.floor(accumulator / ONE);
  return value < 0 ? 0 : value > 255 ? 255 : value;
}

/**
 * Resizes an 8-bit interleaved image exactly as Pillow 9.4's `Image.resize(…, BILINEAR)` does:
 * separable antialiased bilinear, horizontal pass first, each pass rounded to 8 bits with
 * 22-bit fixed-point weights (SPEC §1.1). Not sharp's resize, which differs by up to several
 * grey levels.
 *
 * @param pixels - [height, width, channels] row-major bytes.
 * @param width - input width.
 * @param height - input height.
 * @param channels - interleaved channels per pixel.
 * @param outWidth - output width.
 * @param outHeight - output height.
 * @returns [outHeight, outWidth, channels] bytes.
 * @throws RangeError when a size is not a positive integer or `pixels` has the wrong length.
 */
export function resizeBilinearPillow(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
): Uint8Array {
  for (const [name, value] of Object.entries({ width, height, channels, outWidth, outHeight })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }
  if (pixels.length !== width * height * channels) {
    throw new RangeError(
      `pixels has ${pixels.length} bytes, expected ${width}·${height}·${channels} = ${width * height * channels}`,
    );
  }
  const horizontal =
    outWidth === width ? pixels : resizeRows(pixels, width, height, channels, outWidth);
  return outHeight === height
    ? horizontal
    : resizeColumns(horizontal, outWidth, height, channels, outHeight);
}

function resizeRows(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
): Uint8Array {
  if (channels === 3) return resizeRowsRgb(pixels, width, height, outWidth);
  const taps = axisTaps(width, outWidth);
  const out = new Uint8Array(outWidth * height * channels);
  for (let y = 0; y < height; y++) {
    const row = y * width * channels;
    for (let o = 0; o < outWidth; o++) {
      const j0 = taps.first[o] as number;
      const n = taps.count[o] as number;
      const w0 = o * taps.maxTaps;
      for (let c = 0; c < channels; c++) {
        let accumulator = HALF;
        for (let t = 0; t < n; t++) {
          accumulator +=
            (pixels[row + (j0 + t) * channels + c] as number) * (taps.weights[w0 + t] as number);
        }
        out[(y * outWidth + o) * channels + c] = clip8(accumulator);
      }
    }
  }
  return out;
}

/** The horizontal pass for interleaved RGB, the common case: three sums per tap loop. */
function resizeRowsRgb(
  pixels: Uint8Array,
  width: number,
  height: number,
  outWidth: number,
): Uint8Array {
  const { first, count, weights, maxTaps } = axisTaps(width, outWidth);
  const out = new Uint8Array(outWidth * height * 3);
  for (let y = 0; y < height; y++) {
    const row = y * width * 3;
    for (let o = 0; o < outWidth; o++) {
      const n = count[o] as number;
      const w0 = o * maxTaps;
      let p = row + (first[o] as number) * 3;
      let r = HALF;
      let g = HALF;
      let b = HALF;
      for (let t = 0; t < n; t++, p += 3) {
        const w = weights[w0 + t] as number;
        r += (pixels[p] as number) * w;
        g += (pixels[p + 1] as number) * w;
        b += (pixels[p + 2] as number) * w;
      }
      const q = (y * outWidth + o) * 3;
      out[q] = clip8(r);
      out[q + 1] = clip8(g);
      out[q + 2] = clip8(b);
    }
  }
  return out;
}

function resizeColumns(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
  outHeight: number,
): Uint8Array {
  const taps = axisTaps(height, outHeight);
  const stride = width * channels;
  const out = new Uint8Array(outHeight * stride);
  for (let o = 0; o < outHeight; o++) {
    const j0 = taps.first[o] as number;
    const n = taps.count[o] as number;
    const w0 = o * taps.maxTaps;
    for (let k = 0; k < stride; k++) {
      let accumulator = HALF;
      for (let t = 0; t < n; t++) {
        accumulator += (pixels[(j0 + t) * stride + k] as number) * (taps.weights[w0 + t] as number);
      }
      out[o * stride + k] = clip8(accumulator);
    }
  }
  return out;
}
