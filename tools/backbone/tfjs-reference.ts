/**
 * Runs a layers model with TensorFlow.js itself (CPU backend), to check the converter against
 * the original. The model is loaded from memory (tf.io.fromMemory), so no file IOHandler is
 * needed in Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import type { TfjsLayersArtifacts } from './tfjs-artifacts.js';

/** One layer's output from TensorFlow.js, transposed to NCHW. */
export interface ReferenceOutput {
  readonly layer: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * Runs the model up to `layers` on an NCHW batch and returns those layers' outputs in NCHW.
 *
 * @param artifacts - the layers model.
 * @param layers - layer names to read.
 * @param batch - [N, C, H, W] input; H and W must match the model's fixed input size.
 * @param shape - the batch's shape.
 * @returns each layer's output, NCHW.
 */
export async function runTfjsReference(
  artifacts: TfjsLayersArtifacts,
  layers: readonly string[],
  batch: Float32Array,
  shape: readonly [number, number, number, number],
): Promise<ReferenceOutput[]> {
  await tf.setBackend('cpu');
  const model = await tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: artifacts.modelTopology,
      weightSpecs: artifacts.weightSpecs as tf.io.WeightsManifestEntry[],
      weightData: artifacts.weightData,
    }),
  );
  const truncated = tfl.model({
    inputs: model.inputs,
    outputs: layers.map((name) => model.getLayer(name).output as tfl.SymbolicTensor),
  });
  const input = tf.tidy(() => tf.transpose(tf.tensor4d(batch, [...shape]), [0, 2, 3, 1]));
  const predicted = truncated.predict(input);
  const outputs = Array.isArray(predicted) ? predicted : [predicted];
  const result: ReferenceOutput[] = [];
  for (const [i, output] of outputs.entries()) {
    const nchw = tf.transpose(output, [0, 3, 1, 2]);
    result.push({
      layer: layers[i]!,
      shape: nchw.shape,
      data: (await nchw.data()) as Float32Array,
    });
    nchw.dispose();
    output.dispose();
  }
  input.dispose();
  model.dispose();
  return result;
}
