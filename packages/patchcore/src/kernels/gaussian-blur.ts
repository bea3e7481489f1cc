/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops indexed under their bound (STYLE §5) */

/**
 * The normalised 1-D Gaussian kernel SciPy's `gaussian_filter` uses: radius
 * ⌊truncate·σ + 0.5⌋, weights exp(−t²/(2σ²)) divided by their sum.
 *
 * @param sigma - standard deviation in pixels, positive.
 * @param truncate - radius in units of σ.
 * @returns the 2·radius + 1 weights, centre in the middle.
 * @throws RangeError when sigma is not a positive finite number.
 */
export function gaussianKernel(sigma: number, truncate = 4): Float64Array {
  if (!(sigma > 0) || !Number.isFinite(sigma)) {
    throw new RangeError(`sigma must be a positive finite number, got ${sigma}`);
  }
  const radius = Math.floor(truncate * sigma + 0.5);
  const weights = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let t = -radius; t <= radius; t++) {
    const w = Math.exp((-0.5 / (sigma * sigma)) * t * t);
    weights[t + radius] = w;
    sum += w;
  }
  for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! / sum;
  return weights;
}

/**
 * Maps an index outside [0, size) back inside with SciPy's `reflect` rule (half-sample
 * symmetric: … c b a | a b c …, the edge sample repeats).
 *
 * @param index - any integer.
 * @param size - axis length, at least 1.
 * @returns the source index in [0, size).
 */
export function reflectIndex(index: number, size: number): number {
  const period = 2 * size;
  const m = ((index % period) + period) % period;
  return m < size ? m : period - 1 - m;
}

/**
 * Blurs one row-major [height, width] map with a separable Gaussian as SciPy's
 * `ndimage.gaussian_filter` does on float32 input (SPEC §5.1): axis 0 first, then axis 1,
 * sums in float64, each pass stored as float32, `reflect` borders.
 *
 * @param map - height × width values (left untouched).
 * @param height - rows.
 * @param width - columns.
 * @param sigma - standard deviation in pixels.
 * @param truncate - kernel radius in units of σ.
 * @returns a new float32 map.
 */
export function gaussianBlur(
  map: Float32Array,
  height: number,
  width: number,
  sigma = 4,
  truncate = 4,
): Float32Array {
  const weights = gaussianKernel(sigma, truncate);
  const radius = (weights.length - 1) / 2;
  const intermediate = new Float32Array(height * width);
  const output = new Float32Array(height * width);
  const rowIndex = new Int32Array(height + 2 * radius);
  for (let i = 0; i < rowIndex.length; i++) rowIndex[i] = reflectIndex(i - radius, height);
  const colIndex = new Int32Array(width + 2 * radius);
  for (let i = 0; i < colIndex.length; i++) colIndex[i] = reflectIndex(i - radius, width);

  // Axis 0 (down the columns).
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let t = 0; t < weights.length; t++) {
        sum += weights[t]! * map[rowIndex[y + t]! * width + x]!;
      }
      intermediate[y * width + x] = sum;
    }
  }

  // Axis 1 (along the rows).
  for (let y = 0; y < height; y++) {
    const base = y * width;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let t = 0; t < weights.length; t++) {
        sum += weights[t]! * intermediate[base + colIndex[x + t]!]!;
      }
      output[base + x] = sum;
    }
  }
  return output;
}
