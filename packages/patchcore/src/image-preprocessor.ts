import type { ChannelNormalization, CropGeometry } from '@patchcore/core';

/** How images are turned into backbone input (SPEC §1.1): recorded in the model manifest. */
export interface PreprocessingSettings {
  /** Shorter side after the antialiased bilinear resize. */
  readonly resize: number;
  /** Crop height H (centre crop). */
  readonly cropHeight: number;
  /** Crop width W (centre crop). */
  readonly cropWidth: number;
  /** Per-channel normalisation after scaling to [0, 1], or null for none. */
  readonly normalization: ChannelNormalization | null;
}

/** One image ready for the backbone. */
export interface PreprocessedImage {
  /** [3, H, W] float32, channel-first, normalised. */
  readonly data: Float32Array;
  /** Where the crop came from in the original image. */
  readonly geometry: CropGeometry;
}

/**
 * Decodes one image file and applies resize → centre crop → scale → normalise. The default is
 * `@patchcore/backbone`'s `preprocessImage`; tests and custom decoders may supply their own.
 */
export type ImagePreprocessor = (
  path: string,
  settings: PreprocessingSettings,
) => Promise<PreprocessedImage>;
