import type { FeatureMap } from '@patchcore/core';
import { ShapeMismatchError } from '@patchcore/core';
import { describe, expect, it } from 'vitest';
import { FeatureAggregator, patchGridSize } from '../src/feature-aggregator.js';
import { expectClose, randomArray } from './helpers/close.js';
import { slowAggregate } from './helpers/slow-aggregation.js';

function featureMap(layer: string, shape: [number, number, number, number], seed: number) {
  const map: FeatureMap = {
    layer,
    shape,
    data: randomArray(
      shape.reduce((a, b) => a * b),
      seed,
    ),
  };
  return map;
}

function aggregateAll(aggregator: FeatureAggregator, maps: FeatureMap[]): Float32Array {
  const out = new Float32Array(maps[0]!.shape[0] * aggregator.patchCount * aggregator.dims);
  aggregator.aggregate(maps, out, 0);
  return out;
}

describe('patchGridSize', () => {
  it('keeps the size for odd patch sizes and shrinks it by one for even ones', () => {
    expect(patchGridSize(28, 3)).toBe(28);
    expect(patchGridSize(28, 1)).toBe(28);
    expect(patchGridSize(28, 2)).toBe(27);
    expect(patchGridSize(28, 4)).toBe(27);
  });
});

describe('FeatureAggregator', () => {
  it.each([
    { name: 'two layers, non-integer bins', c: [5, 7], p: 3, P: 8, T: 6 },
    { name: 'pooling that repeats elements (P > C·p²)', c: [2, 3], p: 3, P: 40, T: 50 },
    { name: 'an even patch size', c: [3, 4], p: 2, P: 7, T: 5 },
    { name: 'patch size 5', c: [2, 3], p: 5, P: 11, T: 9 },
    { name: 'MobileNetV2 channels (1728 and 3456 to 1024)', c: [192, 384], p: 3, P: 1024, T: 1024 },
  ])('matches the literal reference pipeline when $name', ({ c, p, P, T }) => {
    const maps = [featureMap('a', [2, c[0]!, 6, 6], 1), featureMap('b', [2, c[1]!, 3, 3], 2)];
    const aggregator = new FeatureAggregator({
      layers: [
        { layer: 'a', channels: c[0]!, height: 6, width: 6 },
        { layer: 'b', channels: c[1]!, height: 3, width: 3 },
      ],
      patchsize: p,
      pretrainEmbedDimension: P,
      targetEmbedDimension: T,
    });
    const out = aggregateAll(aggregator, maps);
    const expected = [0, 1].flatMap((image) => slowAggregate(maps, image, p, P, T).flat());
    expectClose(out, expected, 1e-5);
  });

  it('matches the reference when the deeper layer is listed first (resampled down)', () => {
    const maps = [featureMap('deep', [1, 4, 3, 4], 3), featureMap('shallow', [1, 3, 6, 8], 4)];
    const aggregator = new FeatureAggregator({
      layers: [
        { layer: 'deep', channels: 4, height: 3, width: 4 },
        { layer: 'shallow', channels: 3, height: 6, width: 8 },
      ],
      patchsize: 3,
      pretrainEmbedDimension: 10,
      targetEmbedDimension: 10,
    });
    expect(aggregator.patchGrid).toEqual([3, 4]);
    expectClose(aggregateAll(aggregator, maps), slowAggregate(maps, 0, 3, 10, 10).flat(), 1e-5);
  });

  it('gives the SPEC §2.6 closed form for 512- and 1024-channel layers', () => {
    const [h, w] = [4, 5];
    const layer2 = featureMap('layer2', [1, 512, h, w], 5);
    const layer3 = featureMap('layer3', [1, 1024, 2, 3], 6);
    const aggregator = new FeatureAggregator({
      layers: [
        { layer: 'layer2', channels: 512, height: h, width: w },
        { layer: 'layer3', channels: 1024, height: 2, width: 3 },
      ],
      patchsize: 3,
      pretrainEmbedDimension: 1024,
      targetEmbedDimension: 1024,
    });
    const out = aggregateAll(aggregator, [layer2, layer3]);

    // S_c(y, x): zero-padded 3×3 sum of channel c.
    const boxSum = (map: FeatureMap, c: number, y: number, x: number): number => {
      const [, , mh, mw] = map.shape;
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < mh && xx >= 0 && xx < mw) sum += map.data[(c * mh + yy) * mw + xx]!;
        }
      }
      return sum;
    };
    const expected = new Float64Array(h * w * 1024);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const row = (y * w + x) * 1024;
        for (let d = 0; d < 512; d++) {
          const centre = layer2.data[(d * h + y) * w + x]!;
          expected[row + d] = (boxSum(layer2, d, y, x) + centre) / 10;
        }
        // Layer3 half: pair-averaged 3×3 box means at 2×3, bilinearly upsampled to 4×5.
        const sy = Math.max(0, ((y + 0.5) * 2) / h - 0.5);
        const sx = Math.max(0, ((x + 0.5) * 3) / w - 0.5);
        const [y0, x0] = [Math.floor(sy), Math.floor(sx)];
        const [y1, x1] = [Math.min(y0 + 1, 1), Math.min(x0 + 1, 2)];
        const [ly, lx] = [sy - y0, sx - x0];
        for (let k = 0; k < 512; k++) {
          const g = (yy: number, xx: number): number =>
            (boxSum(layer3, 2 * k, yy, xx) + boxSum(layer3, 2 * k + 1, yy, xx)) / 18;
          expected[row + 512 + k] =
            (1 - ly) * ((1 - lx) * g(y0, x0) + lx * g(y0, x1)) +
            ly * ((1 - lx) * g(y1, x0) + lx * g(y1, x1));
        }
      }
    }
    expectClose(out, expected, 1e-5);
  });

  it('flattens a hand-built 2-channel 4×4 map channel-major as R does (SPEC §2.2, §7.17)', () => {
    // Channel 0 holds 1…16 row-major, channel 1 holds 101…116.
    const data = new Float32Array(32);
    for (let i = 0; i < 16; i++) [data[i], data[16 + i]] = [i + 1, 101 + i];
    const map: FeatureMap = { layer: 'a', shape: [1, 2, 4, 4], data };
    const rowsWith = (P: number): number[][] => {
      const aggregator = new FeatureAggregator({
        layers: [{ layer: 'a', channels: 2, height: 4, width: 4 }],
        patchsize: 3,
        pretrainEmbedDimension: P,
        targetEmbedDimension: P,
      });
      const out = aggregateAll(aggregator, [map]);
      return Array.from({ length: 16 }, (_, r) => Array.from(out.subarray(r * P, (r + 1) * P)));
    };
    // P = L = 18 keeps the unfolded vector: at (1, 1), channel 0's 3×3 first, then channel 1's;
    // at (0, 0) the zero padding sits in the same kernel positions of both channels.
    const full = rowsWith(18);
    expect(full[5]).toEqual([
      1, 2, 3, 5, 6, 7, 9, 10, 11, 101, 102, 103, 105, 106, 107, 109, 110, 111,
    ]);
    expect(full[0]).toEqual([0, 0, 0, 0, 1, 2, 0, 5, 6, 0, 0, 0, 0, 101, 102, 0, 105, 106]);
    // P = 9: bins of 2 consecutive elements (k = c·9 + i·3 + j), so the fifth bin straddles
    // the two channels; an NHWC (channel-fastest) order would average the channels instead.
    expect(rowsWith(9)[5]).toEqual([1.5, 4, 6.5, 9.5, 56, 102.5, 105.5, 108, 110.5]);
    // P = 2 = C: the §2.6 closed form, each output the zero-padded 3×3 box mean of one channel.
    const box = rowsWith(2);
    expectClose(box[5]!, [54 / 9, 954 / 9], 1e-6);
    expectClose(box[0]!, [14 / 9, 414 / 9], 1e-6);
  });

  it('writes rows at the given offset and leaves earlier rows untouched', () => {
    const maps = [featureMap('a', [1, 2, 3, 3], 7)];
    const aggregator = new FeatureAggregator({
      layers: [{ layer: 'a', channels: 2, height: 3, width: 3 }],
      patchsize: 3,
      pretrainEmbedDimension: 4,
      targetEmbedDimension: 4,
    });
    const out = new Float32Array(2 * 9 * 4).fill(-7);
    aggregator.aggregate(maps, out, 9);
    expect(Array.from(out.subarray(0, 36)).every((v) => v === -7)).toBe(true);
    expectClose(out.subarray(36), slowAggregate(maps, 0, 3, 4, 4).flat(), 1e-6);
  });

  it('throws ShapeMismatchError naming the layer when a map has the wrong shape', () => {
    const aggregator = new FeatureAggregator({
      layers: [{ layer: 'a', channels: 2, height: 3, width: 3 }],
      patchsize: 3,
      pretrainEmbedDimension: 4,
      targetEmbedDimension: 4,
    });
    const wrong = featureMap('a', [1, 3, 3, 3], 8);
    expect(() => aggregator.aggregate([wrong], new Float32Array(36), 0)).toThrow(
      ShapeMismatchError,
    );
    expect(() => aggregator.aggregate([wrong], new Float32Array(36), 0)).toThrow(/layer 'a'/);
  });
});
