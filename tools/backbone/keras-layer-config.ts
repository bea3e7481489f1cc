/**
 * Reading Keras layer configs and moving Keras weight layouts (channels-last) into ONNX's.
 */
import type { KerasLayer } from './keras-topology.js';

/** ReLU layer → `relu` or `clip:<max>`; slopes and thresholds are not supported. */
export function reluKind(layer: KerasLayer): string {
  const slope = layer.config['negative_slope'] ?? 0;
  const threshold = layer.config['threshold'] ?? 0;
  if (slope !== 0 || threshold !== 0) {
    throw new Error(
      `layer '${layer.name}': ReLU with negative_slope ${JSON.stringify(slope)} or threshold ${JSON.stringify(threshold)} is not supported`,
    );
  }
  const max = layer.config['max_value'];
  return typeof max === 'number' ? `clip:${max}` : 'relu';
}

/** A string entry of a layer's config, or the fallback. */
export function stringConfig(layer: KerasLayer, key: string, fallback?: string): string {
  const value = layer.config[key] ?? fallback;
  if (typeof value !== 'string')
    throw new Error(`layer '${layer.name}': config '${key}' is not a string`);
  return value;
}

/** A number entry of a layer's config, or the fallback. */
export function numberConfig(layer: KerasLayer, key: string, fallback?: number): number {
  const value = layer.config[key] ?? fallback;
  if (typeof value !== 'number')
    throw new Error(`layer '${layer.name}': config '${key}' is not a number`);
  return value;
}

/** ZeroPadding2D's padding as [top, left, bottom, right]. */
export function paddingOf(layer: KerasLayer): readonly number[] {
  const padding = layer.config['padding'];
  if (typeof padding === 'number') return [padding, padding, padding, padding];
  const [rows, cols] = padding as [number | number[], number | number[]];
  const [top, bottom] = typeof rows === 'number' ? [rows, rows] : rows;
  const [left, right] = typeof cols === 'number' ? [cols, cols] : cols;
  return [top!, left!, bottom!, right!];
}

/** Keras [kh, kw, in, out] → ONNX [out, in, kh, kw]. */
export function convKernelToOnnx(
  kernel: Float32Array,
  kh: number,
  kw: number,
  cin: number,
  cout: number,
): Float32Array {
  const out = new Float32Array(kernel.length);
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let i = 0; i < cin; i++) {
        for (let o = 0; o < cout; o++) {
          out[((o * cin + i) * kh + y) * kw + x] = kernel[((y * kw + x) * cin + i) * cout + o]!;
        }
      }
    }
  }
  return out;
}

/** Keras depthwise [kh, kw, in, multiplier] → ONNX grouped [in · multiplier, 1, kh, kw]. */
export function depthwiseKernelToOnnx(
  kernel: Float32Array,
  kh: number,
  kw: number,
  cin: number,
  multiplier: number,
): Float32Array {
  const out = new Float32Array(kernel.length);
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let i = 0; i < cin; i++) {
        for (let m = 0; m < multiplier; m++) {
          out[((i * multiplier + m) * kh + y) * kw + x] =
            kernel[((y * kw + x) * cin + i) * multiplier + m]!;
        }
      }
    }
  }
  return out;
}
