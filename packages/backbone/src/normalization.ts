import type { ChannelNormalization } from '@patchcore/core';

/**
 * ImageNet per-channel mean and standard deviation (RGB), used by torchvision backbones such
 * as WideResNet50 and ResNet18 (SPEC §1.1). The default MobileNetV2 backbone uses none.
 */
export const IMAGENET_NORMALIZATION: ChannelNormalization = Object.freeze({
  mean: Object.freeze([0.485, 0.456, 0.406]) as unknown as readonly [number, number, number],
  std: Object.freeze([0.229, 0.224, 0.225]) as unknown as readonly [number, number, number],
});
