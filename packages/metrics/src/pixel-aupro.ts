import { labelConnectedComponents } from './connected-components.js';
import type { PixelGrid, PixelMetricVariant } from './pixel-grid.js';
import type { SortedScores } from './score-split.js';
import { checkVariant, selectImages } from './validation.js';
import { sortScores } from './sort-scores.js';

/** The FPR limit of the MVTec AD evaluation and of SPEC §6.4. */
export const DEFAULT_FPR_LIMIT = 0.3;

/** Options of {@link pixelAupro}. */
export interface PixelAuproOptions {
  /**
   * `'full'`: negatives from every test image (R's `full_pro`); `'anomalous'`: negatives only
   * from images with a defect (R's `anomaly_pro`, README's "PRO"). Regions are the same.
   *
   * @defaultValue 'full'
   */
  readonly variant?: PixelMetricVariant;
  /**
   * Upper end of the false-positive-rate range integrated over, in (0, 1].
   *
   * @defaultValue 0.3
   */
  readonly fprLimit?: number;
}

/** A normalised AUPRO together with what it was computed over. */
export interface PixelAuproResult {
  /** Which images gave negatives. */
  readonly variant: PixelMetricVariant;
  /** ∫₀^limit PRO d(FPR) / limit, in [0, 1]. */
  readonly aupro: number;
  /** The FPR limit used (and divided by). */
  readonly fprLimit: number;
  /** Number of 8-connected defect regions; each weighs the same in PRO. */
  readonly regionCount: number;
  /** Number of nominal (mask 0) pixels, the FPR denominator. */
  readonly negativeCount: number;
}

/**
 * Area under the per-region-overlap curve up to an FPR limit, normalised (SPEC §6.4): regions
 * are the 8-connected components of each mask, a pixel is predicted anomalous iff its score
 * exceeds the threshold, every distinct score is a threshold, the curve is integrated by the
 * trapezoid rule, interpolated linearly at the limit and divided by the limit.
 *
 * @remarks
 * Pixels tied with nominal pixels enter the curve on one sloped segment, as in the MVTec AD
 * script's "score ≥ t" curve, which also ends at (1, 1); with "score \> t" on the distinct scores
 * alone the curve would stop short of FPR 1 when more than 70 % of the nominal pixels share
 * the lowest score. Memory: a sorted copy of the nominal scores plus two float64 arrays of
 * `fprLimit` × that length; no index sort.
 *
 * @param anomalyMaps - one `anomalyMap` [H, W] per test image.
 * @param masks - one binary `mask` [H, W] per test image, values 0 or 1 (binarise first, §1.2).
 * @param options - variant and FPR limit.
 * @returns the AUPRO with its variant, limit, region count and negative count.
 * @throws RangeError when maps and masks do not pair up, a value is invalid, the FPR limit is
 * outside (0, 1], or there is no defect region or no nominal pixel.
 */
export function pixelAupro(
  anomalyMaps: readonly PixelGrid[],
  masks: readonly PixelGrid[],
  options: PixelAuproOptions = {},
): PixelAuproResult {
  const variant = options.variant ?? 'full';
  checkVariant(variant);
  const fprLimit = options.fprLimit ?? DEFAULT_FPR_LIMIT;
  if (!(fprLimit > 0 && fprLimit <= 1)) {
    throw new RangeError(`fprLimit must lie in (0, 1], got ${fprLimit}`);
  }
  const covered = selectImages(anomalyMaps, masks, variant);
  const negatives = sortedNegatives(anomalyMaps, masks, covered);
  if (negatives.length === 0) {
    throw new RangeError(`pixelAupro (${variant}) needs nominal pixels, the masks hold none`);
  }
  const overlap = accumulateOverlap(anomalyMaps, masks, negatives, fprLimit);
  if (overlap.regionCount === 0) {
    throw new RangeError(`pixelAupro (${variant}) needs defect regions, the masks hold none`);
  }
  const area = integrate(negatives, overlap, fprLimit) / overlap.regionCount;
  return {
    variant,
    aupro: area / fprLimit,
    fprLimit,
    regionCount: overlap.regionCount,
    negativeCount: negatives.length,
  };
}

function sortedNegatives(
  anomalyMaps: readonly PixelGrid[],
  masks: readonly PixelGrid[],
  covered: readonly boolean[],
): SortedScores {
  let count = 0;
  let float32 = true;
  masks.forEach((mask, image) => {
    if (!covered[image]) return;
    for (let i = 0; i < mask.data.length; i++) count += mask.data[i] === 0 ? 1 : 0;
    float32 &&= (anomalyMaps[image] as PixelGrid).data instanceof Float32Array;
  });
  const negatives = float32 ? new Float32Array(count) : new Float64Array(count);
  let n = 0;
  masks.forEach((mask, image) => {
    if (!covered[image]) return;
    const scores = (anomalyMaps[image] as PixelGrid).data;
    for (let i = 0; i < scores.length; i++) {
      if (mask.data[i] === 0) negatives[n++] = scores[i] as number;
    }
  });
  return sortScores(negatives);
}

/**
 * Region overlap, bucketed by position among the nominal scores taken in descending order
 * (position j: j nominal pixels score higher). A region pixel of score s adds 1/size to
 * `above[c]`, c = #nominal ≥ s: it counts for every tie group of nominal scores below s. If
 * nominal pixels tie with s, it also adds to `tied[e]`, e = #nominal above s, that group's start.
 */
interface OverlapBuckets {
  readonly above: Float64Array;
  readonly tied: Float64Array;
  readonly regionCount: number;
}

function accumulateOverlap(
  anomalyMaps: readonly PixelGrid[],
  masks: readonly PixelGrid[],
  negatives: SortedScores,
  fprLimit: number,
): OverlapBuckets {
  // Only tie groups starting below fprLimit · N reach the integral (+1 guards rounding).
  const bucketCount = Math.min(negatives.length, Math.ceil(fprLimit * negatives.length) + 1);
  const above = new Float64Array(bucketCount);
  const tied = new Float64Array(bucketCount);
  let regionCount = 0;
  masks.forEach((mask, image) => {
    const { labels, count, sizes } = labelConnectedComponents(mask);
    const scores = (anomalyMaps[image] as PixelGrid).data;
    regionCount += count;
    for (let i = 0; i < labels.length; i++) {
      const region = labels[i] as number;
      if (region === 0) continue;
      const weight = 1 / (sizes[region] as number);
      const score = scores[i] as number;
      const atLeast = negatives.length - lowerBound(negatives, score);
      const greater = negatives.length - upperBound(negatives, score);
      if (atLeast < bucketCount) above[atLeast] = (above[atLeast] as number) + weight;
      if (atLeast > greater && greater < bucketCount) {
        tied[greater] = (tied[greater] as number) + weight;
      }
    }
  });
  return { above, tied, regionCount };
}

/** Trapezoid area under PRO·regionCount over FPR in [0, fprLimit], walking tie groups downwards. */
function integrate(negatives: SortedScores, overlap: OverlapBuckets, fprLimit: number): number {
  const total = negatives.length;
  let area = 0;
  let overlapAbove = 0;
  let start = 0;
  while (start < overlap.above.length) {
    const value = negatives[total - 1 - start] as number;
    let end = start + 1;
    while (end < total && negatives[total - 1 - end] === value) end++;
    overlapAbove += overlap.above[start] as number;
    const left = overlapAbove;
    const right = overlapAbove + (overlap.tied[start] as number);
    const fprStart = start / total;
    const fprEnd = end / total;
    if (fprEnd >= fprLimit) {
      const atLimit = left + ((right - left) * (fprLimit - fprStart)) / (fprEnd - fprStart);
      return area + ((fprLimit - fprStart) * (left + atLimit)) / 2;
    }
    area += ((fprEnd - fprStart) * (left + right)) / 2;
    start = end;
  }
  return area;
}

/** Number of values below x in an ascending array. */
function lowerBound(values: SortedScores, x: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < x) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Number of values ≤ x in an ascending array. */
function upperBound(values: SortedScores, x: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}
