import type { CropGeometry } from '@patchcore/core';

/**
 * Rounds to the nearest integer, ties to the even one (Python's `round`, which torchvision's
 * `center_crop` uses for its offsets).
 *
 * @param value - the number to round.
 * @returns the rounded integer.
 */
export function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Computes the shorter-side resize and centre crop of SPEC §1.1: the shorter side becomes
 * `resize`, the longer ⌊resize · long / short⌋; the crop offsets are round((size − crop) / 2),
 * half to even.
 *
 * @param originalWidth - image width after EXIF orientation.
 * @param originalHeight - image height after EXIF orientation.
 * @param resize - target length of the shorter side.
 * @param cropSize - [height, width] of the crop.
 * @returns the full geometry.
 * @throws RangeError when a size is not a positive integer or the crop exceeds the resized image.
 */
export function computeCropGeometry(
  originalWidth: number,
  originalHeight: number,
  resize: number,
  cropSize: readonly [number, number],
): CropGeometry {
  const sizes = {
    originalWidth,
    originalHeight,
    resize,
    cropHeight: cropSize[0],
    cropWidth: cropSize[1],
  };
  for (const [name, value] of Object.entries(sizes)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }
  const short = Math.min(originalWidth, originalHeight);
  const long = Math.max(originalWidth, originalHeight);
  const resizedLong = Math.floor((resize * long) / short);
  const landscape = originalWidth >= originalHeight;
  const resizedWidth = landscape ? resizedLong : resize;
  const resizedHeight = landscape ? resize : resizedLong;
  const [cropHeight, cropWidth] = cropSize;
  if (cropHeight > resizedHeight || cropWidth > resizedWidth) {
    throw new RangeError(
      `cropSize [${cropHeight}, ${cropWidth}] exceeds the resized image ${resizedWidth}×${resizedHeight} ` +
        `(width×height, from ${originalWidth}×${originalHeight} with resize ${resize}); raise resize`,
    );
  }
  return {
    originalWidth,
    originalHeight,
    resizedWidth,
    resizedHeight,
    cropLeft: roundHalfToEven((resizedWidth - cropWidth) / 2),
    cropTop: roundHalfToEven((resizedHeight - cropHeight) / 2),
    cropWidth,
    cropHeight,
  };
}
