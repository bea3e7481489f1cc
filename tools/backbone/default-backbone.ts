/**
 * The default backbone's recipe: nsfwjs's MobileNetV2 truncated after `block_10_expand_relu`,
 * converted to ONNX with the two PatchCore layers as outputs. Shared by the setup step and the
 * converter test.
 */
import { convertTfjsLayersToOnnx } from './tfjs-to-onnx.js';
import { NSFWJS_SOURCE, type NsfwjsMobileNetV2 } from './nsfwjs-package.js';

/** The layers the default backbone outputs, first one sets the patch grid. */
export const DEFAULT_BACKBONE_OUTPUTS = ['block_6_expand_relu', 'block_10_expand_relu'] as const;

/** sha256 of the converted model; the converter is deterministic, so a rebuild must match. */
export const DEFAULT_BACKBONE_SHA256 =
  '41b4a90a28e12979cff365e0e7cb21c3dbd6fd97640314198329498b094831f3';

/**
 * Converts nsfwjs's MobileNetV2 into the project's default backbone.
 *
 * @param source - the unpacked model.
 * @returns the ONNX bytes (deterministic: same input, same bytes).
 */
export function buildDefaultBackbone(source: NsfwjsMobileNetV2): Uint8Array {
  return convertTfjsLayersToOnnx(source.artifacts, {
    outputs: DEFAULT_BACKBONE_OUTPUTS,
    graphName: 'mobilenetv2_block10',
    metadata: {
      'patchcore.backbone': 'mobilenetv2',
      'patchcore.layers': DEFAULT_BACKBONE_OUTPUTS.join(','),
      // Feed RGB scaled to [0, 1], no mean/std (see models/README.md).
      'patchcore.normalization': 'null',
      'patchcore.layout': 'NCHW',
      source: `npm ${NSFWJS_SOURCE.package}@${NSFWJS_SOURCE.version} ${NSFWJS_SOURCE.modelFolder} (${NSFWJS_SOURCE.integrity})`,
      license: `${NSFWJS_SOURCE.license} (nsfwjs, Copyright (c) 2019 Infinite Red, Inc.); layers up to block_10 carry Keras's MobileNetV2 ImageNet weights`,
      converter:
        'tools/backbone/tfjs-to-onnx.ts: BatchNormalization folded, uint8 weights dequantised',
    },
  });
}
