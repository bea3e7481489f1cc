/**
 * A small helper that collects ONNX nodes and float32 initialisers and encodes a ModelProto with
 * onnx-proto (protobufjs). Deterministic: the same calls give the same bytes.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX attribute values the converter uses. */
export type AttributeValue = number | readonly number[] | string | { readonly float: number };

/** The opset the converter targets; every op it emits exists in this form there. */
export const OPSET_VERSION = 13;

/** Collects a graph and writes it as an ONNX model. */
export class OnnxGraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];

  /**
   * Adds a float32 graph input with symbolic or fixed dimensions.
   *
   * @param name - tensor name.
   * @param dims - a number for a fixed size, a string for a symbolic one.
   */
  addInput(name: string, dims: readonly (number | string)[]): void {
    this.inputs.push(valueInfo(name, dims));
  }

  /**
   * Declares a graph output.
   *
   * @param name - tensor name (a node output).
   * @param dims - a number for a fixed size, a string for a symbolic one.
   */
  addOutput(name: string, dims: readonly (number | string)[]): void {
    this.outputs.push(valueInfo(name, dims));
  }

  /**
   * Adds a float32 initialiser.
   *
   * @param name - tensor name.
   * @param dims - its shape.
   * @param values - row-major values.
   */
  addFloatInitializer(name: string, dims: readonly number[], values: Float32Array): void {
    const raw = new Uint8Array(
      values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength),
    );
    this.initializers.push({
      name,
      dims: [...dims],
      dataType: onnx.TensorProto.DataType.FLOAT,
      rawData: raw,
    });
  }

  /**
   * Adds an int64 initialiser (used for Pad's `pads`).
   *
   * @param name - tensor name.
   * @param values - the values.
   */
  addInt64Initializer(name: string, values: readonly number[]): void {
    this.initializers.push({
      name,
      dims: [values.length],
      dataType: onnx.TensorProto.DataType.INT64,
      int64Data: [...values],
    });
  }

  /**
   * Adds a node.
   *
   * @param opType - ONNX operator.
   * @param inputs - input tensor names.
   * @param outputs - output tensor names.
   * @param attributes - attribute name → value (int, int list, string or `{ float }`).
   * @param name - node name; defaults to the first output.
   */
  addNode(
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {},
    name: string = outputs[0] ?? opType,
  ): void {
    this.nodes.push({
      name,
      opType,
      input: [...inputs],
      output: [...outputs],
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
  }

  /**
   * Encodes the model.
   *
   * @param graphName - the graph's name.
   * @param metadata - key → value pairs stored in `metadata_props`.
   * @returns the ONNX file's bytes.
   */
  encode(graphName: string, metadata: Readonly<Record<string, string>>): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'patchcore-ts tools/backbone',
      producerVersion: '1',
      opsetImport: [{ domain: '', version: OPSET_VERSION }],
      metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      graph: {
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(
  name: string,
  dims: readonly (number | string)[],
): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: {
          dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
        },
      },
    },
  };
}

function attribute(name: string, value: AttributeValue): onnxProto.onnx.IAttributeProto {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') {
    return { name, type: types.STRING, s: new TextEncoder().encode(value) };
  }
  if (typeof value === 'number') return { name, type: types.INT, i: value };
  if ('float' in value) return { name, type: types.FLOAT, f: value.float };
  return { name, type: types.INTS, ints: [...value] };
}
