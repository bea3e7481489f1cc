/**
 * How an image was resized and cropped before the backbone saw it: what is needed to put a
 * crop-sized anomaly map back onto the original image.
 */
export interface CropGeometry {
  /** Original width in pixels (after EXIF orientation). */
  readonly originalWidth: number;
  /** Original height in pixels (after EXIF orientation). */
  readonly originalHeight: number;
  /** Width after the shorter-side resize. */
  readonly resizedWidth: number;
  /** Height after the shorter-side resize. */
  readonly resizedHeight: number;
  /** Left edge of the crop in the resized image. */
  readonly cropLeft: number;
  /** Top edge of the crop in the resized image. */
  readonly cropTop: number;
  /** Crop width (the backbone's input width). */
  readonly cropWidth: number;
  /** Crop height (the backbone's input height). */
  readonly cropHeight: number;
}
