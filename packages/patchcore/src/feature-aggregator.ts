import { ShapeMismatchError } from '@patchcore/core';
import type { FeatureMap } from '@patchcore/core';
import { adaptivePoolBins } from './kernels/adaptive-pool-bins.js';
import type { AdaptivePoolBins } from './kernels/adaptive-pool-bins.js';
import { resizeBilinear } from './kernels/bilinear-resize.js';
import { planesToRows, poolPatches, poolPlanes } from './kernels/pool-patches.js';

/** Channels and spatial size of one layer's feature map. */
export interface LayerShape {
  /** The layer's name. */
  readonly layer: string;
  /** Channels C. */
  readonly channels: number;
  /** Map height h. */
  readonly height: number;
  /** Map width w. */
  readonly width: number;
}

/** Settings of {@link FeatureAggregator}. */
export interface FeatureAggregatorOptions {
  /** Shapes of the layers, in `layersToExtractFrom` order; the first sets the patch grid. */
  readonly layers: readonly LayerShape[];
  /** Neighbourhood size p (odd keeps the grid size). */
  readonly patchsize: number;
  /** P: per-layer pooled length. */
  readonly pretrainEmbedDimension: number;
  /** T: final feature dimension. */
  readonly targetEmbedDimension: number;
}

/**
 * Grid size per axis after unfolding with patch size p, stride 1 and zero padding ⌊(p − 1)/2⌋.
 *
 * @param size - map height or width.
 * @param patchsize - p.
 * @returns the number of patches along that axis.
 */
export function patchGridSize(size: number, patchsize: number): number {
  const pad = Math.floor((patchsize - 1) / 2);
  return size + 2 * pad - patchsize + 1;
}

/**
 * Turns the backbone's feature maps into PatchCore `features` [B·n_h·n_w, T] exactly as SPEC §2
 * states: per layer, p×p zero-padded neighbourhoods flattened channel-major and pooled to P
 * (adaptive average pooling, integer bin rule); deeper layers resized bilinearly
 * (align corners false) to the first layer's grid; layer-major stacking; pooling to T.
 *
 * @remarks
 * Pooling acts on each patch's vector and the bilinear resize on each element's map; both are
 * linear and act on different axes, so they commute. This class therefore pools first and
 * resizes the P pooled planes, instead of resizing all C·p² unfolded planes as the reference
 * does: the same result up to float rounding, about p²·C/P times less resizing work. All work
 * buffers are allocated once and reused; no per-patch allocation.
 */
export class FeatureAggregator {
  /** Patch grid [n_h, n_w] (the first layer's). */
  readonly patchGrid: readonly [number, number];
  /** Rows produced per image, n_h·n_w. */
  readonly patchCount: number;
  /** T. */
  readonly dims: number;
  private readonly options: FeatureAggregatorOptions;
  private readonly layerBins: AdaptivePoolBins[];
  private readonly stackBins: AdaptivePoolBins;
  private readonly layerPooled: Float32Array;
  private readonly stacked: Float32Array;
  private readonly final: Float32Array;

  /**
   * @param options - layer shapes, patch size and the two pooled dimensions.
   * @throws RangeError when a size is not a positive integer or no layer is given.
   */
  constructor(options: FeatureAggregatorOptions) {
    const { layers, patchsize, pretrainEmbedDimension, targetEmbedDimension } = options;
    if (layers.length === 0) throw new RangeError('at least one layer is needed, got none');
    if (!Number.isInteger(patchsize) || patchsize < 1) {
      throw new RangeError(`patchsize must be a positive integer, got ${patchsize}`);
    }
    const first = layers[0] as LayerShape;
    this.options = options;
    this.patchGrid = [
      patchGridSize(first.height, patchsize),
      patchGridSize(first.width, patchsize),
    ];
    this.patchCount = this.patchGrid[0] * this.patchGrid[1];
    if (this.patchGrid[0] < 1 || this.patchGrid[1] < 1) {
      throw new RangeError(
        `patchsize ${patchsize} leaves no patch on layer '${first.layer}' of ${first.height}×${first.width}`,
      );
    }
    this.dims = targetEmbedDimension;
    this.layerBins = layers.map((shape) =>
      adaptivePoolBins(shape.channels * patchsize * patchsize, pretrainEmbedDimension),
    );
    this.stackBins = adaptivePoolBins(layers.length * pretrainEmbedDimension, targetEmbedDimension);
    const largestGrid = Math.max(
      ...layers.map((s) => patchGridSize(s.height, patchsize) * patchGridSize(s.width, patchsize)),
    );
    this.layerPooled = new Float32Array(pretrainEmbedDimension * largestGrid);
    this.stacked = new Float32Array(layers.length * pretrainEmbedDimension * this.patchCount);
    this.final = new Float32Array(targetEmbedDimension * this.patchCount);
  }

  /**
   * Aggregates a batch of feature maps into rows of `destination`.
   *
   * @param maps - one map per layer, in the configured order, each [B, C, h, w].
   * @param destination - receives B·n_h·n_w rows of T values, rows ordered by image, y, x.
   * @param rowOffset - first destination row to write.
   * @returns B, the number of images aggregated.
   * @throws {@link ShapeMismatchError} when a map's layer, shape or batch size disagrees.
   */
  aggregate(maps: readonly FeatureMap[], destination: Float32Array, rowOffset: number): number {
    const batchSize = this.checkMaps(maps);
    const needed = (rowOffset + batchSize * this.patchCount) * this.dims;
    if (destination.length < needed) {
      throw new ShapeMismatchError(
        'aggregation destination length',
        [needed],
        [destination.length],
      );
    }
    for (let image = 0; image < batchSize; image++) {
      this.aggregateImage(maps, image);
      planesToRows(
        this.final,
        this.patchCount,
        this.dims,
        destination,
        rowOffset + image * this.patchCount,
      );
    }
    return batchSize;
  }

  private aggregateImage(maps: readonly FeatureMap[], image: number): void {
    const { layers, patchsize, pretrainEmbedDimension } = this.options;
    const [gridHeight, gridWidth] = this.patchGrid;
    const block = pretrainEmbedDimension * this.patchCount;
    layers.forEach((shape, index) => {
      const map = maps[index] as FeatureMap;
      const plane = shape.channels * shape.height * shape.width;
      const imageMap = map.data.subarray(image * plane, (image + 1) * plane);
      const layerHeight = patchGridSize(shape.height, patchsize);
      const layerWidth = patchGridSize(shape.width, patchsize);
      const bins = this.layerBins[index] as AdaptivePoolBins;
      const target = this.stacked.subarray(index * block, (index + 1) * block);
      if (layerHeight === gridHeight && layerWidth === gridWidth) {
        poolPatches(imageMap, shape.channels, shape.height, shape.width, patchsize, bins, target);
        return;
      }
      // A layer on another grid: pool at its own resolution, then resize each pooled plane.
      const pooled = this.layerPooled.subarray(
        0,
        pretrainEmbedDimension * layerHeight * layerWidth,
      );
      poolPatches(imageMap, shape.channels, shape.height, shape.width, patchsize, bins, pooled);
      resizeBilinear(
        pooled,
        pretrainEmbedDimension,
        layerHeight,
        layerWidth,
        gridHeight,
        gridWidth,
        target,
      );
    });
    poolPlanes(this.stacked, this.patchCount, this.stackBins, this.final);
  }

  private checkMaps(maps: readonly FeatureMap[]): number {
    const { layers } = this.options;
    if (maps.length !== layers.length) {
      throw new ShapeMismatchError('number of feature maps', [layers.length], [maps.length]);
    }
    const batchSize = (maps[0] as FeatureMap).shape[0];
    layers.forEach((shape, index) => {
      const map = maps[index] as FeatureMap;
      const expected = [batchSize, shape.channels, shape.height, shape.width];
      const what = `feature map of layer '${shape.layer}'`;
      if (map.layer !== shape.layer || expected.some((v, i) => map.shape[i] !== v)) {
        throw new ShapeMismatchError(`${what} (got layer '${map.layer}')`, expected, map.shape);
      }
      if (map.data.length !== batchSize * shape.channels * shape.height * shape.width) {
        throw new ShapeMismatchError(
          `${what} data length`,
          [expected.reduce((a, b) => a * b)],
          [map.data.length],
        );
      }
    });
    return batchSize;
  }
}
