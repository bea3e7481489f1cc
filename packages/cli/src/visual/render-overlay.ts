import { InvalidFileError, ShapeMismatchError } from '@patchcore/core';
import sharp from 'sharp';
import { composeOverlay } from './compose-overlay.js';
import type { DisplayRange } from './display-range.js';

/** An anomaly map at some size: [height, width] row-major raw scores. */
export interface ScoreImage {
  /** Row-major scores. */
  readonly data: Float32Array;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/** Options of {@link renderOverlayPng}. */
export interface RenderOverlayOptions {
  /** The original image file. */
  readonly imagePath: string;
  /** The anomaly map at the original image's size (after EXIF orientation). */
  readonly anomalyMap: ScoreImage;
  /** Display range shared by the set (SPEC §5.3). */
  readonly range: DisplayRange;
  /** Raw-score threshold: outlines the predicted region when set. */
  readonly threshold?: number;
  /** Ground-truth mask file: outlines the defect when set. */
  readonly maskPath?: string;
  /** Width of the PNG; default: the original width (height follows the aspect ratio). */
  readonly width?: number;
}

async function readRgb(path: string): Promise<{ data: Uint8Array; width: number; height: number }> {
  try {
    const { data, info } = await sharp(path)
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), ...info };
  } catch (error) {
    throw new InvalidFileError(path, 'cannot decode the image', { cause: error });
  }
}

async function readMask(path: string, width: number, height: number): Promise<Uint8Array> {
  try {
    const { data } = await sharp(path)
      .greyscale()
      .resize(width, height, { fit: 'fill', kernel: 'nearest' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return Uint8Array.from(data, (v) => (v >= 128 ? 1 : 0));
  } catch (error) {
    throw new InvalidFileError(path, 'cannot decode the mask', { cause: error });
  }
}

/**
 * Renders the heat map over the original image at its original size and encodes it as PNG,
 * with the predicted region's outline (when a threshold is set) and the ground truth's
 * (when a mask is given). The mask is binarised at 128 for display only.
 *
 * @param options - image, map, display range, threshold, mask.
 * @returns the PNG bytes.
 * @throws {@link InvalidFileError} when the image or mask cannot be read.
 * @throws {@link ShapeMismatchError} when the map's size differs from the image's.
 */
export async function renderOverlayPng(options: RenderOverlayOptions): Promise<Buffer> {
  const image = await readRgb(options.imagePath);
  const map = options.anomalyMap;
  if (map.width !== image.width || map.height !== image.height) {
    throw new ShapeMismatchError(
      `anomaly map size for ${options.imagePath}`,
      [image.height, image.width],
      [map.height, map.width],
    );
  }
  const mask =
    options.maskPath === undefined
      ? undefined
      : await readMask(options.maskPath, image.width, image.height);
  const rgb = composeOverlay({
    rgb: image.data,
    width: image.width,
    height: image.height,
    anomalyMap: map.data,
    range: options.range,
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    ...(mask === undefined ? {} : { mask }),
  });
  let pipeline = sharp(rgb, { raw: { width: image.width, height: image.height, channels: 3 } });
  if (options.width !== undefined && options.width < image.width) {
    pipeline = pipeline.resize({ width: options.width });
  }
  return pipeline.png().toBuffer();
}
