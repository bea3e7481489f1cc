/**
 * Reads the Keras topology of a TensorFlow.js layers model into a flat, topologically ordered
 * layer list with each layer's input layers, and finds the ancestors of chosen layers.
 */
import type { KerasLayerJson } from './tfjs-artifacts.js';

/** One layer with resolved inputs. */
export interface KerasLayer {
  readonly name: string;
  readonly className: string;
  readonly config: Record<string, unknown>;
  /** Names of the layers whose outputs feed this one, in order. */
  readonly inputs: readonly string[];
}

/**
 * Flattens a functional (`Model`/`Functional`) or `Sequential` topology.
 *
 * @param modelTopology - model.json's `modelTopology`.
 * @returns the layers in file order (Keras writes them topologically sorted).
 * @throws Error for an unknown model class or inbound-node format.
 */
export function readKerasLayers(modelTopology: Record<string, unknown>): KerasLayer[] {
  const modelConfig = (modelTopology['model_config'] ?? modelTopology) as {
    class_name?: string;
    config?: unknown;
  };
  const className = modelConfig.class_name ?? '';
  if (className === 'Sequential') return readSequential(modelConfig.config);
  if (className !== 'Model' && className !== 'Functional') {
    throw new Error(
      `unsupported model class '${className}' (expected Model, Functional or Sequential)`,
    );
  }
  const layers = (modelConfig.config as { layers: KerasLayerJson[] }).layers;
  return layers.map((layer) => ({
    name: layer.name,
    className: layer.class_name,
    config: layer.config,
    inputs: (layer.inbound_nodes?.[0] ?? []).map((entry) => {
      if (typeof entry[0] !== 'string') {
        throw new Error(`layer '${layer.name}': unsupported inbound_nodes format (Keras 3?)`);
      }
      return entry[0];
    }),
  }));
}

function readSequential(config: unknown): KerasLayer[] {
  const list = (
    Array.isArray(config) ? config : (config as { layers: KerasLayerJson[] }).layers
  ) as KerasLayerJson[];
  const first = list[0];
  if (first === undefined) throw new Error('Sequential model without layers');
  const inputShape = first.config['batch_input_shape'];
  if (inputShape === undefined)
    throw new Error(`first layer '${first.name}' has no batch_input_shape`);
  const inputName = `${first.name}_input`;
  const result: KerasLayer[] = [
    {
      name: inputName,
      className: 'InputLayer',
      config: { batch_input_shape: inputShape },
      inputs: [],
    },
  ];
  let previous = inputName;
  for (const layer of list) {
    result.push({
      name: layer.name,
      className: layer.class_name,
      config: layer.config,
      inputs: [previous],
    });
    previous = layer.name;
  }
  return result;
}

/**
 * The requested layers and everything they depend on, in topological order.
 *
 * @param layers - all layers, topologically ordered.
 * @param outputs - names of the layers wanted as outputs.
 * @returns the subset needed to compute `outputs`.
 * @throws Error naming an unknown output and listing the available layer names.
 */
export function ancestorLayers(
  layers: readonly KerasLayer[],
  outputs: readonly string[],
): KerasLayer[] {
  const byName = new Map(layers.map((layer) => [layer.name, layer]));
  const needed = new Set<string>();
  const stack = [...outputs];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (needed.has(name)) continue;
    const layer = byName.get(name);
    if (layer === undefined) {
      throw new Error(
        `unknown layer '${name}'; available: ${layers.map((l) => l.name).join(', ')}`,
      );
    }
    needed.add(name);
    stack.push(...layer.inputs);
  }
  return layers.filter((layer) => needed.has(layer.name));
}
