/**
 * The project's converter from a TensorFlow.js layers model (Keras topology, channels-last) to an
 * ONNX graph in NCHW with dynamic batch, height and width. Emits only the ancestors of the
 * requested layers, folds each BatchNormalization into the convolution before it, folds
 * ZeroPadding2D into the `pads` of the valid convolutions it feeds, and dequantises weights.
 *
 * Supported layers: InputLayer, Conv2D, DepthwiseConv2D, BatchNormalization, ZeroPadding2D,
 * ReLU (max_value, no slope or threshold), Activation (linear, relu, relu6, sigmoid, tanh), Add.
 */
import { decodeWeights, type TfjsLayersArtifacts } from './tfjs-artifacts.js';
import { ancestorLayers, readKerasLayers, type KerasLayer } from './keras-topology.js';
import { OnnxGraphBuilder } from './onnx-graph-builder.js';
import {
  convKernelToOnnx,
  depthwiseKernelToOnnx,
  numberConfig,
  paddingOf,
  reluKind,
  stringConfig,
} from './keras-layer-config.js';

/** Options of {@link convertTfjsLayersToOnnx}. */
export interface ConvertOptions {
  /** Layer names to expose as graph outputs (NCHW), in this order. */
  readonly outputs: readonly string[];
  /** Extra `metadata_props`. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Graph name. */
  readonly graphName?: string;
}

const CONV_CLASSES = new Set(['Conv2D', 'DepthwiseConv2D']);

/**
 * Converts a layers model to ONNX.
 *
 * @param artifacts - topology and weights.
 * @param options - which layers to output, metadata.
 * @returns the ONNX model bytes.
 * @throws Error naming the layer for any unsupported layer class or configuration.
 */
export function convertTfjsLayersToOnnx(
  artifacts: TfjsLayersArtifacts,
  options: ConvertOptions,
): Uint8Array {
  const layers = ancestorLayers(readKerasLayers(artifacts.modelTopology), options.outputs);
  const weights = decodeWeights(artifacts.weightSpecs, artifacts.weightData);
  const state = new ConversionState(layers, weights, new Set(options.outputs));
  for (const layer of layers) state.emit(layer);
  for (const name of options.outputs) {
    state.builder.addOutput(state.tensor(name), [
      'batch',
      state.channels(name),
      `${name}_height`,
      `${name}_width`,
    ]);
  }
  return state.builder.encode(options.graphName ?? 'tfjs_layers', options.metadata ?? {});
}

/** Per-conversion bookkeeping: tensor names, channel counts, and the folding decisions. */
class ConversionState {
  readonly builder = new OnnxGraphBuilder();
  private readonly tensorOf = new Map<string, string>();
  private readonly channelsOf = new Map<string, number>();
  /** conv layer → the BatchNormalization folded into it. */
  private readonly foldedNorm = new Map<string, KerasLayer>();
  private readonly skipped = new Set<string>();
  /** padding layer → [top, left, bottom, right], folded into its consumers. */
  private readonly foldedPads = new Map<string, readonly number[]>();
  private readonly byName: Map<string, KerasLayer>;

  constructor(
    layers: readonly KerasLayer[],
    private readonly weights: Map<string, Float32Array>,
    private readonly requested: ReadonlySet<string>,
  ) {
    this.byName = new Map(layers.map((layer) => [layer.name, layer]));
    const consumers = new Map<string, KerasLayer[]>();
    for (const layer of layers) {
      for (const input of layer.inputs)
        consumers.set(input, [...(consumers.get(input) ?? []), layer]);
    }
    for (const layer of layers) this.planFolding(layer, consumers.get(layer.name) ?? []);
  }

  private planFolding(layer: KerasLayer, consumers: readonly KerasLayer[]): void {
    if (this.requested.has(layer.name)) return;
    const only = consumers.length === 1 ? consumers[0] : undefined;
    if (
      CONV_CLASSES.has(layer.className) &&
      only?.className === 'BatchNormalization' &&
      stringConfig(layer, 'activation', 'linear') === 'linear'
    ) {
      this.foldedNorm.set(layer.name, only);
      this.skipped.add(only.name);
    }
    if (
      layer.className === 'ZeroPadding2D' &&
      consumers.length > 0 &&
      consumers.every((c) => CONV_CLASSES.has(c.className) && c.config['padding'] === 'valid')
    ) {
      this.foldedPads.set(layer.name, paddingOf(layer));
    }
  }

  tensor(layerName: string): string {
    const name = this.tensorOf.get(layerName);
    if (name === undefined) throw new Error(`layer '${layerName}' has not been emitted yet`);
    return name;
  }

  channels(layerName: string): number {
    return this.channelsOf.get(layerName) ?? 0;
  }

  emit(layer: KerasLayer): void {
    if (this.skipped.has(layer.name)) return;
    const format = layer.config['data_format'];
    if (format !== undefined && format !== 'channels_last') {
      throw new Error(
        `layer '${layer.name}': data_format ${JSON.stringify(format)} is not supported`,
      );
    }
    const input = layer.inputs[0] ?? '';
    switch (layer.className) {
      case 'InputLayer':
        this.emitInput(layer);
        break;
      case 'Conv2D':
      case 'DepthwiseConv2D':
        this.emitConvolution(layer);
        break;
      case 'BatchNormalization':
        this.emitBatchNorm(layer);
        break;
      case 'ZeroPadding2D':
        this.emitPadding(layer);
        break;
      case 'ReLU':
        this.emitActivation(layer, reluKind(layer), input);
        break;
      case 'Activation':
        this.emitActivation(layer, stringConfig(layer, 'activation'), input);
        break;
      case 'Add':
        this.emitAdd(layer);
        break;
      default:
        throw new Error(
          `layer '${layer.name}': class '${layer.className}' is not supported by the converter`,
        );
    }
  }

  private produced(layerName: string, tensorName: string, channels: number): void {
    this.tensorOf.set(layerName, tensorName);
    this.channelsOf.set(layerName, channels);
  }

  private emitInput(layer: KerasLayer): void {
    const shape = layer.config['batch_input_shape'] as (number | null)[] | undefined;
    const channels = shape?.[3];
    if (typeof channels !== 'number') throw new Error(`input '${layer.name}' has no channel count`);
    this.builder.addInput(layer.name, ['batch', channels, 'height', 'width']);
    this.produced(layer.name, layer.name, channels);
  }

  private emitPadding(layer: KerasLayer): void {
    const input = layer.inputs[0]!;
    if (this.foldedPads.has(layer.name)) {
      this.produced(layer.name, this.tensor(input), this.channels(input));
      return;
    }
    const [top, left, bottom, right] = paddingOf(layer) as [number, number, number, number];
    const padsName = `${layer.name}/pads`;
    this.builder.addInt64Initializer(padsName, [0, 0, top, left, 0, 0, bottom, right]);
    this.builder.addNode('Pad', [this.tensor(input), padsName], [layer.name], { mode: 'constant' });
    this.produced(layer.name, layer.name, this.channels(input));
  }

  private emitConvolution(layer: KerasLayer): void {
    const depthwise = layer.className === 'DepthwiseConv2D';
    const source = layer.inputs[0]!;
    const inChannels = this.channels(source);
    const kernel = this.weight(layer.name, depthwise ? 'depthwise_kernel' : 'kernel');
    const [kh, kw] = layer.config['kernel_size'] as [number, number];
    const outChannels = depthwise
      ? inChannels * numberConfig(layer, 'depth_multiplier', 1)
      : numberConfig(layer, 'filters');
    const weightsNchw = depthwise
      ? depthwiseKernelToOnnx(kernel, kh, kw, inChannels, outChannels / inChannels)
      : convKernelToOnnx(kernel, kh, kw, inChannels, outChannels);
    const bias =
      layer.config['use_bias'] === false
        ? new Float32Array(outChannels)
        : this.weight(layer.name, 'bias');
    const norm = this.foldedNorm.get(layer.name);
    const folded =
      norm === undefined
        ? { weightsNchw, bias }
        : this.foldNorm(norm, weightsNchw, bias, outChannels);

    const outputName = norm?.name ?? layer.name;
    this.builder.addFloatInitializer(
      `${layer.name}/W`,
      [outChannels, depthwise ? 1 : inChannels, kh, kw],
      folded.weightsNchw,
    );
    this.builder.addFloatInitializer(`${layer.name}/B`, [outChannels], folded.bias);
    const activation = stringConfig(layer, 'activation', 'linear');
    const convOut = activation === 'linear' ? outputName : `${outputName}/preactivation`;
    const inputTensor = this.tensor(source);
    this.builder.addNode('Conv', [inputTensor, `${layer.name}/W`, `${layer.name}/B`], [convOut], {
      kernel_shape: [kh, kw],
      strides: layer.config['strides'] as number[],
      dilations: layer.config['dilation_rate'] as number[],
      group: depthwise ? inChannels : 1,
      ...this.convPadding(layer, source, kh, kw),
    });
    this.produced(layer.name, convOut, outChannels);
    if (norm !== undefined) this.produced(norm.name, convOut, outChannels);
    if (activation !== 'linear')
      this.emitActivation({ ...layer, name: outputName }, activation, layer.name);
  }

  private convPadding(
    layer: KerasLayer,
    source: string,
    kh: number,
    kw: number,
  ): Record<string, number[] | string> {
    const padding = layer.config['padding'];
    const strides = layer.config['strides'] as number[];
    const dilations = layer.config['dilation_rate'] as number[];
    if (padding === 'valid') {
      const pads = this.foldedPads.get(source) ?? [0, 0, 0, 0];
      return { pads: [pads[0]!, pads[1]!, pads[2]!, pads[3]!] };
    }
    if (padding !== 'same')
      throw new Error(`layer '${layer.name}': padding '${String(padding)}' is not supported`);
    if (strides.some((s) => s !== 1)) return { auto_pad: 'SAME_UPPER' };
    // Stride 1: TensorFlow's SAME puts the odd pixel at the end, which fixed pads express exactly.
    const totalH = (dilations[0] ?? 1) * (kh - 1);
    const totalW = (dilations[1] ?? 1) * (kw - 1);
    return {
      pads: [
        Math.floor(totalH / 2),
        Math.floor(totalW / 2),
        Math.ceil(totalH / 2),
        Math.ceil(totalW / 2),
      ],
    };
  }

  private foldNorm(
    norm: KerasLayer,
    weightsNchw: Float32Array,
    bias: Float32Array,
    outChannels: number,
  ): { weightsNchw: Float32Array; bias: Float32Array } {
    const { gamma, beta, mean, variance, epsilon } = this.normParameters(norm, outChannels);
    const perChannel = weightsNchw.length / outChannels;
    const scaled = new Float32Array(weightsNchw.length);
    const shifted = new Float32Array(outChannels);
    for (let o = 0; o < outChannels; o++) {
      // y = (conv(x) + b − mean) · γ / √(var + ε) + β, folded into the weights and bias.
      const factor = gamma[o]! / Math.sqrt(variance[o]! + epsilon);
      for (let k = 0; k < perChannel; k++)
        scaled[o * perChannel + k] = weightsNchw[o * perChannel + k]! * factor;
      shifted[o] = (bias[o]! - mean[o]!) * factor + beta[o]!;
    }
    return { weightsNchw: scaled, bias: shifted };
  }

  private normParameters(norm: KerasLayer, channels: number) {
    const axis = norm.config['axis'];
    const axisValue: unknown = Array.isArray(axis) ? (axis as unknown[])[0] : axis;
    if (axisValue !== -1 && axisValue !== 3) {
      throw new Error(
        `layer '${norm.name}': BatchNormalization axis ${JSON.stringify(axis)} is not the channel axis`,
      );
    }
    return {
      gamma:
        norm.config['scale'] === false
          ? new Float32Array(channels).fill(1)
          : this.weight(norm.name, 'gamma'),
      beta:
        norm.config['center'] === false
          ? new Float32Array(channels)
          : this.weight(norm.name, 'beta'),
      mean: this.weight(norm.name, 'moving_mean'),
      variance: this.weight(norm.name, 'moving_variance'),
      epsilon: numberConfig(norm, 'epsilon', 0.001),
    };
  }

  private emitBatchNorm(layer: KerasLayer): void {
    const input = layer.inputs[0]!;
    const channels = this.channels(input);
    const p = this.normParameters(layer, channels);
    const names = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map(
      (n) => `${layer.name}/${n}`,
    );
    [p.gamma, p.beta, p.mean, p.variance].forEach((values, i) =>
      this.builder.addFloatInitializer(names[i]!, [channels], values),
    );
    this.builder.addNode('BatchNormalization', [this.tensor(input), ...names], [layer.name], {
      epsilon: { float: p.epsilon },
    });
    this.produced(layer.name, layer.name, channels);
  }

  private emitActivation(layer: KerasLayer, kind: string, inputLayer: string): void {
    const input = this.tensor(inputLayer);
    const channels = this.channels(inputLayer);
    const output = layer.name;
    if (kind === 'linear') {
      this.builder.addNode('Identity', [input], [output]);
    } else if (kind === 'relu') {
      this.builder.addNode('Relu', [input], [output]);
    } else if (kind === 'sigmoid' || kind === 'tanh') {
      this.builder.addNode(kind === 'tanh' ? 'Tanh' : 'Sigmoid', [input], [output]);
    } else if (kind.startsWith('clip:') || kind === 'relu6') {
      const max = kind === 'relu6' ? 6 : Number(kind.slice(5));
      const bounds = this.clipBounds(max);
      this.builder.addNode('Clip', [input, bounds.min, bounds.max], [output]);
    } else {
      throw new Error(`layer '${layer.name}': activation '${kind}' is not supported`);
    }
    this.produced(layer.name, output, channels);
  }

  private clipBounds(max: number): { min: string; max: string } {
    const names = { min: 'const/zero', max: `const/${max}` };
    if (!this.tensorOf.has(names.min)) {
      this.builder.addFloatInitializer(names.min, [], new Float32Array([0]));
      this.tensorOf.set(names.min, names.min);
    }
    if (!this.tensorOf.has(names.max)) {
      this.builder.addFloatInitializer(names.max, [], new Float32Array([max]));
      this.tensorOf.set(names.max, names.max);
    }
    return names;
  }

  private emitAdd(layer: KerasLayer): void {
    const [first, ...rest] = layer.inputs;
    if (first === undefined || rest.length === 0)
      throw new Error(`layer '${layer.name}': Add needs two or more inputs`);
    let current = this.tensor(first);
    rest.forEach((input, i) => {
      const output = i === rest.length - 1 ? layer.name : `${layer.name}/partial_${i}`;
      this.builder.addNode('Add', [current, this.tensor(input)], [output]);
      current = output;
    });
    this.produced(layer.name, layer.name, this.channels(first));
  }

  private weight(layerName: string, parameter: string): Float32Array {
    const suffix = `${layerName}/${parameter}`;
    const exact = this.weights.get(suffix) ?? this.weights.get(`${suffix}:0`);
    if (exact !== undefined) return exact;
    for (const [name, values] of this.weights) if (name.endsWith(`/${suffix}`)) return values;
    throw new Error(
      `weight '${suffix}' not found (layer '${layerName}' of class ${this.byName.get(layerName)?.className ?? '?'})`,
    );
  }
}
