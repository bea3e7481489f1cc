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
  const binarization = options.binarization ?? 'exact255';
  if (
    binarization !== 'exact255' &&
    binarization !== 'atLeastHalf' &&
    binarization !== 'anyNonZero'
  ) {
    throw new RangeError(
      `binarization must be 'exact255', 'atLeastHalf' or 'anyNonZero', got '${String(binarization)}'`,
    );
  }
  const { pixels: resized, geometry } = await decodeAndResize(source, 'grey', {
    resize: options.resize ?? DEFAULT_RESIZE,
    cropSize: options.cropSize ?? DEFAULT_CROP_SIZE,
    name: options.name,
  });
  const threshold = { exact255: 255, atLeastHalf: 128, anyNonZero: 1 }[binarization];
  const { cropWidth, cropHeight, cropLeft, cropTop, resizedWidth } = geometry;
  const mask = new Uint8Array(cropWidth * cropHeight);
  for (let y = 0; y < cropHeight; y++) {
    for (let x = 0; x < cropWidth; x++) {
      const value = resized[(y + cropTop) * resizedWidth + cropLeft + x] as number;
      mask[y * cropWidth + x] = value >= threshold ? 1 : 0;
    }
  }
  return mask;
}
