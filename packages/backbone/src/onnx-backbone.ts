import type {
  BackboneDescription,
  ChannelNormalization,
  FeatureExtractor,
  FeatureMap,
  ImageBatch,
  Logger,
} from '@patchcore/core';
import { NativeDependencyError, ShapeMismatchError } from '@patchcore/core';
import * as ort from 'onnxruntime-node';

/** How a graph output lays out a feature map: channels first or channels last. */
export type FeatureMapLayout = 'NCHW' | 'NHWC';

/**
 * Reorders an [N, H, W, C] map into [N, C, H, W], so that patches are always flattened
 * channel-major (SPEC §2.2) whatever layout the graph emits.
 */
function channelsLastToFirst(data: Float32Array, n: number, h: number, w: number, c: number) {
  const out = new Float32Array(data.length);
  const plane = h * w;
  for (let image = 0; image < n; image++) {
    const base = image * plane * c;
    for (let pixel = 0; pixel < plane; pixel++) {
      const from = base + pixel * c;
      for (let channel = 0; channel < c; channel++) {
        out[base + channel * plane + pixel] = data[from + channel] as number;
      }
    }
  }
  return out;
}

/** What {@link OnnxBackbone} is built from; {@link loadBackbone} assembles it. */
export interface OnnxBackboneParts {
  readonly session: ort.InferenceSession;
  readonly inputName: string;
  /** Requested layer names, in order. */
  readonly layers: readonly string[];
  /** Tensor fetched for each layer, same order. */
  readonly tensorNames: readonly string[];
  readonly inputShape: readonly [number, number, number];
  /** Layout of the graph's output maps; NHWC maps are reordered to NCHW. */
  readonly outputLayout: FeatureMapLayout;
  readonly description: BackboneDescription;
  readonly logger: Logger;
}

/**
 * A {@link FeatureExtractor} running an ONNX backbone with onnxruntime-node. Feature maps come
 * back NCHW, in `layers` order, whatever layout the graph emits (its `patchcore.layout`
 * metadata). Create it with {@link loadBackbone}.
 */
export class OnnxBackbone implements FeatureExtractor {
  readonly layers: readonly string[];
  readonly inputShape: readonly [number, number, number];
  readonly normalization: ChannelNormalization | null;
  private readonly parts: OnnxBackboneParts;

  /**
   * @param parts - session, names and description, as assembled by {@link loadBackbone}.
   */
  constructor(parts: OnnxBackboneParts) {
    this.parts = parts;
    this.layers = parts.layers;
    this.inputShape = parts.inputShape;
    this.normalization = parts.description.normalization;
  }

  /**
   * Runs the backbone on a batch.
   *
   * @param batch - [N, 3, H, W] float32, normalised with {@link OnnxBackbone.normalization}.
   * @returns one [N, C, h, w] feature map per layer, in `layers` order.
   * @throws {@link ShapeMismatchError} when the batch does not match `inputShape` or a layer's
   * output is not rank 4.
   * @throws {@link NativeDependencyError} wrapping an onnxruntime failure.
   */
  async extract(batch: ImageBatch): Promise<FeatureMap[]> {
    const [n, c, h, w] = batch.shape;
    const [ec, eh, ew] = this.inputShape;
    if (c !== ec || h !== eh || w !== ew || batch.data.length !== n * c * h * w || n < 1) {
      throw new ShapeMismatchError(
        `backbone '${this.parts.description.name}' input (data length ${batch.data.length})`,
        [n, ec, eh, ew],
        batch.shape,
      );
    }
    const input = new ort.Tensor('float32', batch.data, [n, c, h, w]);
    let results: ort.InferenceSession.OnnxValueMapType;
    try {
      results = await this.parts.session.run(
        { [this.parts.inputName]: input },
        this.parts.tensorNames,
      );
    } catch (error) {
      throw new NativeDependencyError(
        'onnxruntime-node',
        `backbone '${this.parts.description.name}' failed on a batch [${batch.shape.join(', ')}]: ${String(error)}`,
        { cause: error },
      );
    }
    return this.parts.tensorNames.map((tensorName, i) => {
      const tensor = results[tensorName] as ort.Tensor;
      const dims = tensor.dims;
      const layer = this.layers[i] ?? tensorName;
      if (dims.length !== 4 || tensor.type !== 'float32') {
        throw new ShapeMismatchError(
          `layer '${layer}' output (${tensor.type})`,
          [n, -1, -1, -1],
          dims,
        );
      }
      const [d0, d1, d2, d3] = dims as [number, number, number, number];
      if (this.parts.outputLayout === 'NHWC') {
        return {
          layer,
          data: channelsLastToFirst(tensor.data as Float32Array, d0, d1, d2, d3),
          shape: [d0, d3, d1, d2] as [number, number, number, number],
        };
      }
      return { layer, data: tensor.data as Float32Array, shape: [d0, d1, d2, d3] };
    });
  }

  /**
   * @returns name, file checksum, layers and normalisation, for a model manifest.
   */
  describe(): BackboneDescription {
    return this.parts.description;
  }

  /** Releases the onnxruntime session. */
  async dispose(): Promise<void> {
    await this.parts.session.release();
    this.parts.logger.debug(() => `backbone '${this.parts.description.name}' released`);
  }
}
