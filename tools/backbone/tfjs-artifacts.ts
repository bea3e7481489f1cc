/**
 * The parts of a TensorFlow.js layers model (model.json + weight shards) the converter reads,
 * and the weight decoding with dequantisation.
 */

/** One entry of a weights manifest: a named tensor stored in the concatenated shards. */
export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  /** Present when the tensor is stored quantised: value = q · scale + min. */
  readonly quantization?: {
    readonly dtype: string;
    readonly min?: number;
    readonly scale?: number;
  };
}

/** One Keras layer of a functional model's topology. */
export interface KerasLayerJson {
  readonly name: string;
  readonly class_name: string;
  readonly config: Record<string, unknown>;
  /** For functional models: `[[[sourceLayer, nodeIndex, tensorIndex, kwargs], …]]`. */
  readonly inbound_nodes?: readonly (readonly (readonly unknown[])[])[];
}

/** A layers model as the converter needs it: topology plus decoded weights. */
export interface TfjsLayersArtifacts {
  /** `modelTopology` of model.json (Keras JSON: `model_config` or the config itself). */
  readonly modelTopology: Record<string, unknown>;
  /** The weights manifest entries, in shard order. */
  readonly weightSpecs: readonly WeightSpec[];
  /** All shards concatenated. */
  readonly weightData: ArrayBuffer;
}

/**
 * Decodes every weight of a layers model to float32, dequantising uint8/uint16 entries the way
 * TensorFlow.js does (float32 of q · scale + min).
 *
 * @param specs - the manifest entries, in shard order.
 * @param data - the concatenated shards.
 * @returns weight name → values, row-major in the manifest's shape.
 * @throws Error when a dtype is not supported or the shards are shorter than the manifest says.
 */
export function decodeWeights(
  specs: readonly WeightSpec[],
  data: ArrayBuffer,
): Map<string, Float32Array> {
  const weights = new Map<string, Float32Array>();
  let offset = 0;
  for (const spec of specs) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const storedAs = spec.quantization?.dtype ?? spec.dtype;
    const bytesPer = storedAs === 'uint8' ? 1 : storedAs === 'uint16' ? 2 : 4;
    if (offset + count * bytesPer > data.byteLength) {
      throw new Error(
        `weight '${spec.name}' needs bytes [${offset}, ${offset + count * bytesPer}) but the shards hold ${data.byteLength}`,
      );
    }
    weights.set(
      spec.name,
      decodeOne(spec, storedAs, data.slice(offset, offset + count * bytesPer)),
    );
    offset += count * bytesPer;
  }
  return weights;
}

function decodeOne(spec: WeightSpec, storedAs: string, bytes: ArrayBuffer): Float32Array {
  if (spec.dtype !== 'float32') {
    throw new Error(`weight '${spec.name}' has dtype '${spec.dtype}'; only float32 is supported`);
  }
  if (storedAs === 'float32') return new Float32Array(bytes);
  if (storedAs !== 'uint8' && storedAs !== 'uint16') {
    throw new Error(
      `weight '${spec.name}' is quantised as '${storedAs}'; only uint8 and uint16 are supported`,
    );
  }
  const { min, scale } = spec.quantization ?? {};
  if (min === undefined || scale === undefined) {
    throw new Error(`weight '${spec.name}' is quantised without min and scale`);
  }
  const quantised = storedAs === 'uint8' ? new Uint8Array(bytes) : new Uint16Array(bytes);
  const values = new Float32Array(quantised.length);
  for (let i = 0; i < quantised.length; i++) values[i] = (quantised[i] as number) * scale + min;
  return values;
}
