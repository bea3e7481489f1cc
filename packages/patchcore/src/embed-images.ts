import { ShapeMismatchError } from '@patchcore/core';
import type { CropGeometry, FeatureExtractor, FeatureMap, ImageSample } from '@patchcore/core';
import type { ImagePreprocessor, PreprocessingSettings } from './image-preprocessor.js';

/** One batch run through preprocessing and the backbone. */
export interface ExtractedBatch {
  /** One map per layer, [B, C, h, w]. */
  readonly maps: FeatureMap[];
  /** Per image, where its crop came from. */
  readonly geometries: CropGeometry[];
}

/**
 * Preprocesses a batch of images and runs the backbone on it.
 *
 * @param samples - the images.
 * @param backbone - the feature extractor.
 * @param preprocess - decoder and preprocessing.
 * @param settings - resize, crop size and normalisation.
 * @returns the feature maps and the crop geometries.
 * @throws {@link ShapeMismatchError} naming the image when preprocessing returns another size
 * than the crop, or the backbone returns other layers than requested.
 */
export async function extractBatch(
  samples: readonly ImageSample[],
  backbone: FeatureExtractor,
  preprocess: ImagePreprocessor,
  settings: PreprocessingSettings,
): Promise<ExtractedBatch> {
  const imageLength = 3 * settings.cropHeight * settings.cropWidth;
  const images = await Promise.all(samples.map((sample) => preprocess(sample.path, settings)));
  const data = new Float32Array(samples.length * imageLength);
  images.forEach((image, index) => {
    if (image.data.length !== imageLength) {
      throw new ShapeMismatchError(
        `preprocessed image ${samples[index]?.path ?? index} (length of [3, H, W])`,
        [imageLength],
        [image.data.length],
      );
    }
    data.set(image.data, index * imageLength);
  });
  const maps = await backbone.extract({
    data,
    shape: [samples.length, 3, settings.cropHeight, settings.cropWidth],
  });
  const layers = maps.map((map) => map.layer);
  if (layers.join('\n') !== backbone.layers.join('\n')) {
    throw new ShapeMismatchError(
      `backbone layers (asked [${backbone.layers.join(', ')}], got [${layers.join(', ')}])`,
      [backbone.layers.length],
      [layers.length],
    );
  }
  return { maps, geometries: images.map((image) => image.geometry) };
}
