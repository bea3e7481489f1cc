/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops indexed under their bound (STYLE §5) */
import type { AdaptivePoolBins } from './adaptive-pool-bins.js';

/**
 * Unfolds one image's feature map into p×p zero-padded neighbourhoods, flattens each
 * channel-major (element k = c·p² + i·p + j, SPEC §2.1–2.2) and pools the flat vector with
 * `bins` (SPEC §2.4), without ever building the unfolded patches.
 *
 * Pooling is linear and each bin covers a contiguous range of k, so bin b at grid cell (y, x)
 * is the mean, over its elements k = (c, i, j), of channel c at cell (y + i − q, x + j − q),
 * with 0 outside the map. The result is written plane by plane: `destination[b·n_h·n_w + cell]`.
 *
 * @param map - [C, h, w] values of one image (NCHW slice).
 * @param channels - C.
 * @param height - h.
 * @param width - w.
 * @param patchsize - p.
 * @param bins - bins from C·p² to P.
 * @param destination - P × n_h × n_w output, with n = h + 2⌊(p − 1)/2⌋ − p + 1 per axis.
 */
export function poolPatches(
  map: Float32Array,
  channels: number,
  height: number,
  width: number,
  patchsize: number,
  bins: AdaptivePoolBins,
  destination: Float32Array,
): void {
  const pad = Math.floor((patchsize - 1) / 2);
  const gridHeight = height + 2 * pad - patchsize + 1;
  const gridWidth = width + 2 * pad - patchsize + 1;
  const cells = gridHeight * gridWidth;
  const kernelArea = patchsize * patchsize;
  const plane = height * width;
  if (channels * kernelArea !== bins.inputLength) {
    throw new RangeError(
      `bins expect input length ${bins.inputLength}, got ${channels} channels × ${kernelArea}`,
    );
  }
  const sums = new Float64Array(cells);

  for (let bin = 0; bin < bins.outputLength; bin++) {
    sums.fill(0);
    const start = bins.starts[bin]!;
    const end = bins.ends[bin]!;
    for (let k = start; k < end; k++) {
      // k = c·p² + i·p + j: channel c, row offset i, column offset j.
      const channel = Math.floor(k / kernelArea);
      const offset = k - channel * kernelArea;
      const dy = Math.floor(offset / patchsize) - pad;
      const dx = (offset % patchsize) - pad;
      const channelBase = channel * plane;
      const xFrom = Math.max(0, -dx);
      const xTo = Math.min(gridWidth, width - dx);
      for (let y = 0; y < gridHeight; y++) {
        const sy = y + dy;
        if (sy < 0 || sy >= height) continue;
        const sourceRow = channelBase + sy * width + dx;
        const sumRow = y * gridWidth;
        for (let x = xFrom; x < xTo; x++)
          sums[sumRow + x] = sums[sumRow + x]! + map[sourceRow + x]!;
      }
    }
    const scale = 1 / (end - start);
    const out = bin * cells;
    for (let cell = 0; cell < cells; cell++) destination[out + cell] = sums[cell]! * scale;
  }
}

/**
 * Pools planes: output plane b is the mean of input planes [starts[b], ends[b]) (SPEC §2.5,
 * the second pooling over the layer-major stacked vector).
 *
 * @param source - L × cells values (plane-major).
 * @param cells - values per plane.
 * @param bins - bins from L to T.
 * @param destination - T × cells output.
 */
export function poolPlanes(
  source: Float32Array,
  cells: number,
  bins: AdaptivePoolBins,
  destination: Float32Array,
): void {
  const sums = new Float64Array(cells);
  for (let bin = 0; bin < bins.outputLength; bin++) {
    sums.fill(0);
    const start = bins.starts[bin]!;
    const end = bins.ends[bin]!;
    for (let k = start; k < end; k++) {
      const base = k * cells;
      for (let cell = 0; cell < cells; cell++) sums[cell] = sums[cell]! + source[base + cell]!;
    }
    const scale = 1 / (end - start);
    const out = bin * cells;
    for (let cell = 0; cell < cells; cell++) destination[out + cell] = sums[cell]! * scale;
  }
}

/**
 * Writes T planes of `cells` values as `cells` rows of T values (plane-major to row-major).
 *
 * @param planes - T × cells values.
 * @param cells - rows to write.
 * @param dims - T.
 * @param destination - output buffer.
 * @param rowOffset - first destination row.
 */
export function planesToRows(
  planes: Float32Array,
  cells: number,
  dims: number,
  destination: Float32Array,
  rowOffset: number,
): void {
  for (let cell = 0; cell < cells; cell++) {
    const out = (rowOffset + cell) * dims;
    for (let d = 0; d < dims; d++) destination[out + d] = planes[d * cells + cell]!;
  }
}
