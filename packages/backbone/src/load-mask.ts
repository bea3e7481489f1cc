import { decodeAndResize } from './decode-and-resize.js';
import type { ImageSource } from './decode-image.js';
import { DEFAULT_CROP_SIZE, DEFAULT_RESIZE } from './preprocess-image.js';

/**
 * How a resized 8-bit mask becomes 0/1:
 * - `'exact255'`: positive iff the value is 255, i.e. exactly 1.0 after /255 — the reference's
 *   `astype(int)` truncation (SPEC §1.2), the default;
 * - `'atLeastHalf'`: positive iff value / 255 ≥ 0.5 (value ≥ 128); opt-in, not R-compatible,
 *   and must be named in any reported result;
 * - `'anyNonZero'`: positive iff value ≥ 1. Not a pixel-label rule: the reference uses "the
 *   float mask sums to more than 0" to pick the images of its anomaly-only metric (SPEC §1.2,
 *   §6.3), i.e. whether this mask has any positive pixel.
 */
export type MaskBinarization = 'exact255' | 'atLeastHalf' | 'anyNonZero';

/** Options of {@link loadMask}. */
export interface LoadMaskOptions {
  /** Shorter side after resizing; use the images' value. @defaultValue 256 */
  readonly resize?: number;
  /** [height, width] of the centre crop; use the images' value. @defaultValue [224, 224] */
  readonly cropSize?: readonly [number, number];
  /** Binarisation rule. @defaultValue 'exact255' */
  readonly binarization?: MaskBinarization;
  /** Name used in errors when the source is a buffer. @defaultValue '\<buffer\>' */
  readonly name?: string;
}

/**
 * Loads a ground-truth mask as SPEC §1.2 prescribes: decoded to 8-bit grey, resized with the
 * same Pillow-exact antialiased bilinear (rounded to 8 bits) and centre crop as the images,
 * then binarised.
 *
 * @param source - file path or encoded bytes.
 * @param options - resize, crop and binarisation rule.
 * @returns [cropHeight · cropWidth] row-major 0/1 values.
 * @throws {@link InvalidFileError} when the file cannot be read or decoded.
 * @throws RangeError when the sizes are invalid.
 */
export async function loadMask(
  source: ImageSource,
  options: LoadMaskOptions = {},
): Promise<Uint8Array> {
  const threshold = maskThreshold(options.binarization ?? 'exact255');
  return thresholdLevels(await loadMaskLevels(source, options), threshold);
}

/**
 * Loads a ground-truth mask's 8-bit values at crop size, before binarisation: decoded to grey,
 * resized with the images' Pillow-exact antialiased bilinear and centre-cropped (SPEC §1.2).
 * Use it with {@link binarizeMaskLevels} when one mask is needed under more than one rule.
 *
 * @param source - file path or encoded bytes.
 * @param options - resize and crop (`binarization` is not used here).
 * @returns [cropHeight · cropWidth] row-major values 0–255.
 * @throws {@link InvalidFileError} when the file cannot be read or decoded.
 * @throws RangeError when the sizes are invalid.
 */
export async function loadMaskLevels(
  source: ImageSource,
  options: Omit<LoadMaskOptions, 'binarization'> = {},
): Promise<Uint8Array> {
  const { pixels: resized, geometry } = await decodeAndResize(source, 'grey', {
    resize: options.resize ?? DEFAULT_RESIZE,
    cropSize: options.cropSize ?? DEFAULT_CROP_SIZE,
    name: options.name,
  });
  const { cropWidth, cropHeight, cropLeft, cropTop, resizedWidth } = geometry;
  const levels = new Uint8Array(cropWidth * cropHeight);
  for (let y = 0; y < cropHeight; y++) {
    const from = (y + cropTop) * resizedWidth + cropLeft;
    levels.set(resized.subarray(from, from + cropWidth), y * cropWidth);
  }
  return levels;
}

/**
 * Turns a mask's 8-bit values into 0/1 labels by a {@link MaskBinarization} rule.
 *
 * @param levels - values 0–255, as {@link loadMaskLevels} returns them.
 * @param binarization - the rule. @defaultValue 'exact255'
 * @returns 0/1 values, same length and order.
 * @throws RangeError for an unknown rule.
 */
export function binarizeMaskLevels(
  levels: Uint8Array,
  binarization: MaskBinarization = 'exact255',
): Uint8Array {
  return thresholdLevels(levels, maskThreshold(binarization));
}

/** The smallest 8-bit value a rule counts as positive; RangeError for an unknown rule. */
function maskThreshold(binarization: MaskBinarization): number {
  const thresholds: Record<MaskBinarization, number> = {
    exact255: 255,
    atLeastHalf: 128,
    anyNonZero: 1,
  };
  if (!Object.hasOwn(thresholds, binarization)) {
    throw new RangeError(
      `binarization must be 'exact255', 'atLeastHalf' or 'anyNonZero', got '${binarization}'`,
    );
  }
  return thresholds[binarization];
}

function thresholdLevels(levels: Uint8Array, threshold: number): Uint8Array {
  return levels.map((value) => (value >= threshold ? 1 : 0));
}
