import { InvalidConfigError, InvalidFileError } from '@patchcore/core';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** What the loader needs to know about an ONNX graph. */
export interface OnnxGraphSummary {
  /** Graph inputs that are not initialisers, with their dims (a string for a symbolic one). */
  readonly inputs: readonly { name: string; dims: readonly (number | string)[] }[];
  /** Graph output names. */
  readonly outputs: readonly string[];
  /** Every node output that is not a graph output. */
  readonly innerTensors: readonly string[];
  /** Node name → its first output, for naming a layer by its node. */
  readonly nodeOutputs: ReadonlyMap<string, string>;
  /** `metadata_props`. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** An ONNX model with the requested layers made graph outputs. */
export interface ExposedModel {
  /** The (possibly edited) model bytes for the inference session. */
  readonly bytes: Uint8Array;
  /** The layers, as requested (or from the defaults when none were). */
  readonly layers: readonly string[];
  /** Tensor name to fetch for each layer, in the same order. */
  readonly tensorNames: readonly string[];
  readonly summary: OnnxGraphSummary;
}

/**
 * Decodes an ONNX model with onnx-proto and summarises its inputs, outputs and inner tensors.
 *
 * @param bytes - the model file.
 * @param path - the file's path, for errors.
 * @returns the summary and the decoded model.
 * @throws {@link InvalidFileError} when the bytes are not an ONNX model.
 */
export function summarizeOnnxModel(
  bytes: Uint8Array,
  path: string,
): { summary: OnnxGraphSummary; model: onnxProto.onnx.ModelProto } {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new InvalidFileError(path, 'not an ONNX model (protobuf decoding failed)', {
      cause: error,
    });
  }
  const graph = model.graph;
  if (!graph?.node?.length) {
    throw new InvalidFileError(path, 'ONNX model without a graph or nodes');
  }
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  const outputs = (graph.output ?? []).map((o) => o.name ?? '');
  const outputSet = new Set(outputs);
  const nodeOutputs = new Map<string, string>();
  const innerTensors: string[] = [];
  for (const node of graph.node) {
    const nodeOutputNames = node.output ?? [];
    if (node.name && nodeOutputNames[0] !== undefined)
      nodeOutputs.set(node.name, nodeOutputNames[0]);
    for (const output of nodeOutputNames) if (!outputSet.has(output)) innerTensors.push(output);
  }
  const inputs = (graph.input ?? [])
    .filter((input) => !initializers.has(input.name ?? ''))
    .map((input) => ({
      name: input.name ?? '',
      dims: (input.type?.tensorType?.shape?.dim ?? []).map((d) =>
        d.dimParam ? d.dimParam : Number(d.dimValue ?? 0),
      ),
    }));
  const metadata = Object.fromEntries(model.metadataProps.map((p) => [p.key ?? '', p.value ?? '']));
  return { summary: { inputs, outputs, innerTensors, nodeOutputs, metadata }, model };
}

/**
 * Resolves layer names to tensors and, when a requested layer is an inner tensor rather than a
 * graph output, adds it to the graph's outputs (a float tensor of unknown shape) so that the
 * inference session returns it. A layer may be named by tensor name or by node name.
 *
 * @param bytes - the model file.
 * @param layers - requested layer names; empty means the `patchcore.layers` metadata (comma
 * separated) when present, else every graph output.
 * @param path - the file's path, for errors.
 * @returns the bytes to load (unchanged when nothing had to be exposed) and the tensor names.
 * @throws {@link InvalidConfigError} for an unknown layer, listing the available names.
 */
export function exposeLayers(
  bytes: Uint8Array,
  layers: readonly string[],
  path: string,
): ExposedModel {
  const { summary, model } = summarizeOnnxModel(bytes, path);
  const fromMetadata = summary.metadata['patchcore.layers'];
  const wanted =
    layers.length > 0
      ? layers
      : fromMetadata
        ? fromMetadata.split(',').map((name) => name.trim())
        : summary.outputs;
  const inner = new Set(summary.innerTensors);
  const outputs = new Set(summary.outputs);
  const tensorNames = wanted.map((layer) => {
    if (outputs.has(layer) || inner.has(layer)) return layer;
    const viaNode = summary.nodeOutputs.get(layer);
    if (viaNode !== undefined) return viaNode;
    throw new InvalidConfigError(
      'layersToExtractFrom',
      `layersToExtractFrom: unknown layer '${layer}' in ${path}; graph outputs: ` +
        `${summary.outputs.join(', ')}; inner tensors: ${summary.innerTensors.join(', ')}`,
    );
  });
  const missing = [...new Set(tensorNames.filter((name) => !outputs.has(name)))];
  if (missing.length === 0) return { bytes, layers: wanted, tensorNames, summary };
  const graph = model.graph as onnxProto.onnx.GraphProto;
  graph.output = graph.output ?? [];
  for (const name of missing) {
    graph.output.push(
      onnx.ValueInfoProto.create({
        name,
        type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } },
      }),
    );
  }
  return { bytes: onnx.ModelProto.encode(model).finish(), layers: wanted, tensorNames, summary };
}
