/** A batch of images as one float32 tensor [N, 3, H, W] (NCHW, already normalised). */
export interface ImageBatch {
  /** Row-major values. */
  readonly data: Float32Array;
  /** [N, 3, H, W]. */
  readonly shape: readonly [number, number, number, number];
}

/** One layer's output: `featureMap` [B, C, H, W], always channel-first. */
export interface FeatureMap {
  /** The layer's name. */
  readonly layer: string;
  /** Row-major NCHW values. */
  readonly data: Float32Array;
  /** [B, C, H, W]. */
  readonly shape: readonly [number, number, number, number];
}

/** Per-channel normalisation applied after scaling pixels to [0, 1]: (x − mean) / std. */
export interface ChannelNormalization {
  /** Per-channel means, RGB order. */
  readonly mean: readonly [number, number, number];
  /** Per-channel standard deviations, RGB order. */
  readonly std: readonly [number, number, number];
}

/** What a model manifest records about a backbone. */
export interface BackboneDescription {
  /** Known name (e.g. `'mobilenetv2'`) or the ONNX file's base name. */
  readonly name: string;
  /** SHA-256 of the ONNX file, hex. */
  readonly checksum: string;
  /** The layers read, in order. */
  readonly layers: readonly string[];
  /** Normalisation the backbone expects, or null for plain [0, 1] input. */
  readonly normalization: ChannelNormalization | null;
}

/**
 * The backbone contract: turns a normalised image batch into the requested layers' feature maps.
 */
export interface FeatureExtractor {
  /** The layers returned by {@link FeatureExtractor.extract}, in this order. */
  readonly layers: readonly string[];
  /** Input shape [3, H, W] the extractor is used with. */
  readonly inputShape: readonly [number, number, number];
  /** The normalisation the backbone's weights expect (null: none, feed [0, 1]). */
  readonly normalization: ChannelNormalization | null;
  /**
   * Runs the backbone.
   *
   * @param batch - [N, 3, H, W] normalised images.
   * @returns one {@link FeatureMap} per requested layer, in `layers` order.
   */
  extract(batch: ImageBatch): Promise<FeatureMap[]>;
  /** Name, checksum, layers and normalisation, for the manifest. */
  describe(): BackboneDescription;
  /** Releases the inference session. */
  dispose(): Promise<void>;
}
