import type { ChannelNormalization } from '@patchcore/core';
import { IMAGENET_NORMALIZATION } from './normalization.js';

/** One layer a known backbone exposes. */
export interface KnownLayer {
  /** Output name in the ONNX file. */
  readonly name: string;
  /** Channels C of its feature map. */
  readonly channels: number;
  /** Input pixels per feature-map cell along each axis (28 × 28 at 224 for stride 8). */
  readonly stride: number;
}

/** A backbone that can be loaded by name from the models folder. */
export interface KnownBackbone {
  /** Name passed to {@link loadBackbone}. */
  readonly name: string;
  /** File name inside the models folder. */
  readonly file: string;
  /** Layers read by default, in order; the first sets the patch grid. */
  readonly defaultLayers: readonly KnownLayer[];
  /** Normalisation the weights expect when the file's metadata does not say. */
  readonly normalization: ChannelNormalization | null;
  /** How to produce the file. */
  readonly howToObtain: string;
}

/** The name of the backbone used when none is given. */
export const DEFAULT_BACKBONE = 'mobilenetv2';

/** The default backbone's layers: stride 8 and stride 16 (SPEC §1.4). */
export const DEFAULT_BACKBONE_LAYERS: readonly string[] = Object.freeze([
  'block_6_expand_relu',
  'block_10_expand_relu',
]);

/**
 * Backbones known by name: the embedded MobileNetV2 and the torchvision exports of
 * tools/export-torchvision/export.py.
 */
export const KNOWN_BACKBONES: Readonly<Record<string, KnownBackbone>> = Object.freeze({
  mobilenetv2: {
    name: 'mobilenetv2',
    file: 'mobilenetv2.onnx',
    defaultLayers: [
      { name: 'block_6_expand_relu', channels: 192, stride: 8 },
      { name: 'block_10_expand_relu', channels: 384, stride: 16 },
    ],
    normalization: null,
    howToObtain: 'run `npm run setup` (npx tsx tools/backbone/ensure-default-backbone.ts)',
  },
  wideresnet50: {
    name: 'wideresnet50',
    file: 'wideresnet50.onnx',
    defaultLayers: [
      { name: 'layer2', channels: 512, stride: 8 },
      { name: 'layer3', channels: 1024, stride: 16 },
    ],
    normalization: IMAGENET_NORMALIZATION,
    howToObtain:
      'run `python tools/export-torchvision/export.py wideresnet50` where PyTorch and torchvision are installed',
  },
  resnet18: {
    name: 'resnet18',
    file: 'resnet18.onnx',
    defaultLayers: [
      { name: 'layer2', channels: 128, stride: 8 },
      { name: 'layer3', channels: 256, stride: 16 },
    ],
    normalization: IMAGENET_NORMALIZATION,
    howToObtain:
      'run `python tools/export-torchvision/export.py resnet18` where PyTorch and torchvision are installed',
  },
});
