import { ShapeMismatchError } from '@patchcore/core';
import { HEAT_COLORMAP } from './colormap.js';
import { normalizeForDisplay } from './display-range.js';
import type { DisplayRange } from './display-range.js';
import { regionOutline } from './outline.js';

/** Colour of the predicted region's outline (white). */
export const PREDICTED_OUTLINE_COLOR: readonly [number, number, number] = [255, 255, 255];
/** Colour of the ground-truth region's outline (green). */
export const MASK_OUTLINE_COLOR: readonly [number, number, number] = [0, 255, 0];

/** Inputs of {@link composeOverlay}; every per-pixel array is [height, width] row-major. */
export interface OverlayInput {
  /** The original image as interleaved RGB bytes, [height, width, 3]. */
  readonly rgb: Uint8Array;
  /** Image width in pixels. */
  readonly width: number;
  /** Image height in pixels. */
  readonly height: number;
  /** The anomaly map at the image's size, raw scores; NaN = no score (pixel left as is). */
  readonly anomalyMap: ArrayLike<number>;
  /** The score range that maps to the colormap's ends (shared by a whole set). */
  readonly range: DisplayRange;
  /** Raw-score threshold; when set, the region `anomalyMap >= threshold` is outlined. */
  readonly threshold?: number;
  /** Ground-truth mask, non-zero = defect; when set, its region is outlined. */
  readonly mask?: ArrayLike<number>;
  /**
   * Heat-map opacity in [0, 1].
   * @defaultValue 0.5
   */
  readonly opacity?: number;
}

function paint(rgb: Uint8Array, outline: Uint8Array, color: readonly number[]): void {
  for (let i = 0; i < outline.length; i++) {
    if (outline[i] === 0) continue;
    rgb[i * 3] = color[0] ?? 0;
    rgb[i * 3 + 1] = color[1] ?? 0;
    rgb[i * 3 + 2] = color[2] ?? 0;
  }
}

function checkLength(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new ShapeMismatchError(what, [expected], [actual]);
}

/**
 * Blends the heat map over the image and draws the outlines: the predicted region (white)
 * when a threshold is given, the ground-truth region (green) when a mask is given.
 *
 * @param input - image, map, range and optional threshold and mask.
 * @returns a new RGB buffer [height, width, 3].
 * @throws {@link ShapeMismatchError} when a per-pixel array does not match width × height.
 */
export function composeOverlay(input: OverlayInput): Uint8Array {
  const { width, height, anomalyMap, range } = input;
  const pixels = width * height;
  checkLength('overlay image bytes', input.rgb.length, pixels * 3);
  checkLength('overlay anomaly map', anomalyMap.length, pixels);
  const opacity = input.opacity ?? 0.5;
  const out = new Uint8Array(pixels * 3);
  for (let i = 0; i < pixels; i++) {
    const value = anomalyMap[i] ?? Number.NaN;
    if (Number.isNaN(value)) {
      // No score here (outside the centre crop): the original pixel, uncoloured.
      for (let c = 0; c < 3; c++) out[i * 3 + c] = input.rgb[i * 3 + c] ?? 0;
      continue;
    }
    const level = Math.round(normalizeForDisplay(value, range) * 255);
    for (let c = 0; c < 3; c++) {
      const base = input.rgb[i * 3 + c] ?? 0;
      const heat = HEAT_COLORMAP[level * 3 + c] ?? 0;
      out[i * 3 + c] = Math.round((1 - opacity) * base + opacity * heat);
    }
  }
  const thickness = Math.max(1, Math.round(Math.min(width, height) / 300));
  if (input.mask !== undefined) {
    checkLength('overlay mask', input.mask.length, pixels);
    paint(out, regionOutline(input.mask, width, height, thickness), MASK_OUTLINE_COLOR);
  }
  if (input.threshold !== undefined) {
    const threshold = input.threshold;
    const predicted = Uint8Array.from(anomalyMap, (v) => (v >= threshold ? 1 : 0));
    paint(out, regionOutline(predicted, width, height, thickness), PREDICTED_OUTLINE_COLOR);
  }
  return out;
}
