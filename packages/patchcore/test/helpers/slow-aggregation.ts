import type { FeatureMap } from '@patchcore/core';

/** Bilinear source index and weight, PyTorch align_corners=false, in float64. */
function axis(inSize: number, outSize: number, o: number): [number, number, number] {
  const src = Math.max(0, ((o + 0.5) * inSize) / outSize - 0.5);
  const i0 = Math.min(Math.floor(src), inSize - 1);
  return [i0, Math.min(i0 + 1, inSize - 1), src - i0];
}

function pool1d(values: number[], outLength: number): number[] {
  const n = values.length;
  const out: number[] = [];
  for (let i = 0; i < outLength; i++) {
    const start = Math.floor((i * n) / outLength);
    const end = Math.ceil(((i + 1) * n) / outLength);
    let sum = 0;
    for (let k = start; k < end; k++) sum += values[k]!;
    out.push(sum / (end - start));
  }
  return out;
}

/**
 * The reference pipeline of SPEC §2 written out literally, in float64, for one image: unfold
 * every layer into [n, C, p, p] patches, resize every (c, i, j) element plane of deeper layers
 * to the first grid, flatten channel-major, pool to P, stack layer-major, pool to T.
 */
export function slowAggregate(
  maps: readonly FeatureMap[],
  image: number,
  patchsize: number,
  pretrain: number,
  target: number,
): number[][] {
  const q = Math.floor((patchsize - 1) / 2);
  const unfolded = maps.map((map) => {
    const [, channels, h, w] = map.shape;
    const nh = h + 2 * q - patchsize + 1;
    const nw = w + 2 * q - patchsize + 1;
    const at = (c: number, y: number, x: number): number =>
      y < 0 || y >= h || x < 0 || x >= w ? 0 : map.data[((image * channels + c) * h + y) * w + x]!;
    // element planes: [C·p²][nh][nw]
    const planes: number[][][] = [];
    for (let c = 0; c < channels; c++) {
      for (let i = 0; i < patchsize; i++) {
        for (let j = 0; j < patchsize; j++) {
          const plane: number[][] = [];
          for (let y = 0; y < nh; y++) {
            const row: number[] = [];
            for (let x = 0; x < nw; x++) row.push(at(c, y + i - q, x + j - q));
            plane.push(row);
          }
          planes.push(plane);
        }
      }
    }
    return { planes, nh, nw };
  });
  const { nh, nw } = unfolded[0]!;
  const aligned = unfolded.map(({ planes, nh: h, nw: w }) =>
    planes.map((plane) => {
      const out: number[][] = [];
      for (let oy = 0; oy < nh; oy++) {
        const [y0, y1, ly] = axis(h, nh, oy);
        const row: number[] = [];
        for (let ox = 0; ox < nw; ox++) {
          const [x0, x1, lx] = axis(w, nw, ox);
          row.push(
            (1 - ly) * ((1 - lx) * plane[y0]![x0]! + lx * plane[y0]![x1]!) +
              ly * ((1 - lx) * plane[y1]![x0]! + lx * plane[y1]![x1]!),
          );
        }
        out.push(row);
      }
      return out;
    }),
  );
  const rows: number[][] = [];
  for (let y = 0; y < nh; y++) {
    for (let x = 0; x < nw; x++) {
      const stacked: number[] = [];
      for (const planes of aligned) {
        stacked.push(
          ...pool1d(
            planes.map((plane) => plane[y]![x]!),
            pretrain,
          ),
        );
      }
      rows.push(pool1d(stacked, target));
    }
  }
  return rows;
}
