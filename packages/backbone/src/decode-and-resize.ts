import type { CropGeometry } from '@patchcore/core';
import { computeCropGeometry } from './crop-geometry.js';
import { decodeImage, type ImageSource } from './decode-image.js';
import { resizeBilinearPillow } from './pillow-resize.js';

/** Sizes shared by {@link decodeAndResize}'s callers; defaults are theirs. */
export interface ResizeForCropOptions {
  /** Length of the shorter side after resizing. */
  readonly resize: number;
  /** [height, width] of the centre crop that will follow. */
  readonly cropSize: readonly [number, number];
  /** Name used in errors when the source is a buffer. */
  readonly name?: string | undefined;
}

/** A decoded image after the shorter-side resize, not yet cropped. */
export interface ResizedImage {
  /** [resizedHeight, resizedWidth, channels] bytes. */
  readonly pixels: Uint8Array;
  /** The resize and the crop that follows it. */
  readonly geometry: CropGeometry;
}

/**
 * The steps images (SPEC §1.1) and masks (SPEC §1.2) share before their centre crop: decode,
 * compute the crop geometry, resize the shorter side with Pillow-exact antialiased bilinear.
 *
 * @param source - file path or encoded bytes.
 * @param mode - `'rgb'` for images, `'grey'` for masks.
 * @param options - resize, crop and the name for errors.
 * @returns the resized bytes and the geometry.
 * @throws {@link InvalidFileError} when the file cannot be read or decoded.
 * @throws RangeError when the sizes are invalid or the crop exceeds the resized image.
 * @internal
 */
export async function decodeAndResize(
  source: ImageSource,
  mode: 'rgb' | 'grey',
  options: ResizeForCropOptions,
): Promise<ResizedImage> {
  const image = await decodeImage(source, mode, options.name);
  const geometry = computeCropGeometry(image.width, image.height, options.resize, options.cropSize);
  const pixels = resizeBilinearPillow(
    image.pixels,
    image.width,
    image.height,
    mode === 'rgb' ? 3 : 1,
    geometry.resizedWidth,
    geometry.resizedHeight,
  );
  return { pixels, geometry };
}
