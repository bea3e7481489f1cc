import type { ChannelNormalization, CropGeometry } from '@patchcore/core';
import { decodeAndResize } from './decode-and-resize.js';
import type { ImageSource } from './decode-image.js';

/** Options of {@link preprocessImage}. */
export interface PreprocessOptions {
  /** Length of the shorter side after resizing. @defaultValue 256 */
  readonly resize?: number;
  /** [height, width] of the centre crop. @defaultValue [224, 224] */
  readonly cropSize?: readonly [number, number];
  /**
   * Per-channel normalisation after scaling to [0, 1]; null for none. Pass the backbone's own
   * (`backbone.normalization`). @defaultValue null (what the default MobileNetV2 expects)
   */
  readonly normalization?: ChannelNormalization | null;
  /** Name used in errors when the source is a buffer. @defaultValue '\<buffer\>' */
  readonly name?: string;
}

/** A preprocessed image and how it was obtained from the original. */
export interface PreprocessedImage {
  /** [3, cropHeight, cropWidth] float32, RGB planes. */
  readonly data: Float32Array;
  /** What is needed to map crop-sized maps back onto the original image. */
  readonly geometry: CropGeometry;
}

/** Resize and crop defaults of SPEC §1.1. */
export const DEFAULT_RESIZE = 256;
/** Default crop, [height, width]. */
export const DEFAULT_CROP_SIZE: readonly [number, number] = Object.freeze([
  224, 224,
]) as unknown as readonly [number, number];

/**
 * Loads an image the way the reference pipeline does (SPEC §1.1): decode to RGB, resize the
 * shorter side with Pillow-exact antialiased bilinear, centre-crop (offsets rounded half to
 * even), scale to [0, 1] (uint8 / 255 in float32), then (x − mean) / std per channel.
 *
 * @example
 * ```ts
 * const { data, geometry } = await preprocessImage('bottle/test/good/000.png', {
 *   normalization: backbone.normalization,
 * });
 * ```
 *
 * @param source - file path or encoded bytes (PNG, JPEG, TIFF, WebP).
 * @param options - resize, crop and normalisation.
 * @returns the [3, H, W] float32 planes and the crop geometry.
 * @throws {@link InvalidFileError} when the file cannot be read or decoded.
 * @throws RangeError when the sizes are invalid or the crop exceeds the resized image.
 */
export async function preprocessImage(
  source: ImageSource,
  options: PreprocessOptions = {},
): Promise<PreprocessedImage> {
  const { pixels: resized, geometry } = await decodeAndResize(source, 'rgb', {
    resize: options.resize ?? DEFAULT_RESIZE,
    cropSize: options.cropSize ?? DEFAULT_CROP_SIZE,
    name: options.name,
  });
  return { data: cropToPlanes(resized, geometry, options.normalization ?? null), geometry };
}

/** Centre crop, scale to [0, 1] and normalise, interleaved bytes → float32 planes. */
function cropToPlanes(
  resized: Uint8Array,
  geometry: CropGeometry,
  normalization: ChannelNormalization | null,
): Float32Array {
  const { cropWidth, cropHeight, cropLeft, cropTop, resizedWidth } = geometry;
  const plane = cropWidth * cropHeight;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    // torch works in float32: (x / 255 − mean) / std, each step rounded to float32.
    const mean = Math.fround(normalization?.mean[c] ?? 0);
    const std = Math.fround(normalization?.std[c] ?? 1);
    for (let y = 0; y < cropHeight; y++) {
      const source = ((y + cropTop) * resizedWidth + cropLeft) * 3 + c;
      const target = c * plane + y * cropWidth;
      for (let x = 0; x < cropWidth; x++) {
        const scaled = Math.fround((resized[source + x * 3] as number) / 255);
        out[target + x] = normalization === null ? scaled : Math.fround(scaled - mean) / std;
      }
    }
  }
  return out;
}
