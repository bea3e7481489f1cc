import type { PixelGrid } from './pixel-grid.js';
import { checkGrid } from './validation.js';

/** The 8-connected regions of a binary mask. */
export interface ConnectedComponents {
  /** Per pixel, row-major: 0 for background, else the region number in [1, count]. */
  readonly labels: Int32Array;
  /** Number of regions. */
  readonly count: number;
  /** Pixel count of each region; index 0 is unused (always 0). */
  readonly sizes: Int32Array;
}

/**
 * Labels the connected regions of the pixels equal to 1 in a mask, with 8-connectivity (the
 * 3×3 all-ones structure of the MVTec AD evaluation, SPEC §6.4). Regions are numbered in
 * row-major order of their first pixel.
 *
 * @param mask - a binary `mask` [H, W]; every non-1 value is background.
 * @returns the label image, the region count and each region's size.
 * @throws RangeError when the sizes are not positive integers or do not match the data length.
 * @example
 * ```ts
 * // 1 0 1
 * // 0 1 0   -> one region of 4 pixels (diagonal neighbours connect)
 * labelConnectedComponents({ data: [1, 0, 1, 0, 1, 0], width: 3, height: 2 }).count; // 1
 * ```
 */
export function labelConnectedComponents(mask: PixelGrid): ConnectedComponents {
  checkGrid('mask', mask);
  const { data, width, height } = mask;
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const sizes = [0];
  for (let start = 0; start < labels.length; start++) {
    if (data[start] !== 1 || labels[start] !== 0) continue;
    const region = sizes.length;
    labels[start] = region;
    let top = 0;
    stack[top++] = start;
    let size = 0;
    while (top > 0) {
      const pixel = stack[--top] as number;
      size++;
      top = pushNeighbours(mask, labels, stack, top, pixel, region);
    }
    sizes.push(size);
  }
  return { labels, count: sizes.length - 1, sizes: Int32Array.from(sizes) };
}

/** Labels the unvisited foreground neighbours of `pixel` and pushes them; returns the new top. */
function pushNeighbours(
  mask: PixelGrid,
  labels: Int32Array,
  stack: Int32Array,
  top: number,
  pixel: number,
  region: number,
): number {
  const { data, width, height } = mask;
  const y = Math.floor(pixel / width);
  const x = pixel - y * width;
  for (let ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
    for (let nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
      const neighbour = ny * width + nx;
      if (data[neighbour] === 1 && labels[neighbour] === 0) {
        labels[neighbour] = region;
        stack[top++] = neighbour;
      }
    }
  }
  return top;
}
