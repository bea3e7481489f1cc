import { binarizeMaskLevels, loadMaskLevels } from '@patchcore/backbone';
import type { MaskBinarization } from '@patchcore/backbone';
import { InvalidConfigError, silentLogger } from '@patchcore/core';
import type { ImageSample, Label, Logger, ProgressCallback } from '@patchcore/core';
import { imageAuroc, pixelAupro, pixelAuroc, pixelF1OptimalThreshold } from '@patchcore/metrics';
import type { F1OptimalThreshold, PixelGrid } from '@patchcore/metrics';
import { warnOnMaskProblems } from './mask-warnings.js';
import type { PatchCore, PatchCorePrediction } from './patchcore.js';

/** Options of {@link evaluateModel}. */
export interface EvaluateModelOptions {
  /** Progress of the stage 'predict'. */
  readonly onProgress?: ProgressCallback;
  /** Where to log. @defaultValue silentLogger */
  readonly logger?: Logger;
  /**
   * Mask binarisation: `'exact255'` is R's rule (SPEC §1.2: a pixel is anomalous iff its
   * resized 8-bit value is 255); anything else is opt-in and named in the result.
   * @defaultValue 'exact255'
   */
  readonly maskBinarization?: MaskBinarization;
  /** FPR limit of AUPRO. @defaultValue 0.3 */
  readonly fprLimit?: number;
}

/** One test image's outcome. */
export interface EvaluatedImage {
  /** The image file. */
  readonly path: string;
  /** Ground-truth label. */
  readonly label: Label;
  /** MVTec defect type, when known. */
  readonly defectType?: string;
  /** The model's image score. */
  readonly imageScore: number;
  /** Anomalous pixels of its mask at crop size (0 without a mask). */
  readonly maskPixels: number;
}

/** What {@link evaluateModel} measures; a metric is null where it does not apply. */
export interface EvaluationReport {
  /** Image AUROC over raw image scores (null unless both labels occur). */
  readonly imageAuroc: number | null;
  /** Pixel AUROC over every pixel of every test image (R's `full_pixel_auroc`). */
  readonly pixelAuroc: number | null;
  /**
   * Pixel AUROC over the anomalous images only (R's `anomaly_pixel_auroc`): those whose resized
   * mask has any value above 0 (SPEC §6.3), even when no pixel of it reaches 255.
   */
  readonly pixelAurocAnomalous: number | null;
  /** AUPRO to FPR 0.3, negatives from every image (R's `full_pro` definition). */
  readonly pixelAupro: number | null;
  /** AUPRO to FPR 0.3, negatives from the same anomalous images as `pixelAurocAnomalous`. */
  readonly pixelAuproAnomalous: number | null;
  /** F1-optimal pixel threshold fitted on the test masks: an oracle, raw score units. */
  readonly f1OracleThreshold: F1OptimalThreshold | null;
  /** Mask binarisation used. */
  readonly maskBinarization: MaskBinarization;
  /** Per image, in input order. */
  readonly images: readonly EvaluatedImage[];
  /** Image and pixel counts. */
  readonly counts: {
    readonly images: number;
    readonly anomalous: number;
    readonly nominal: number;
    readonly pixels: number;
    readonly anomalousPixels: number;
    readonly defectRegions: number | null;
  };
  /** Wall-clock timings in milliseconds. */
  readonly timings: {
    readonly predictMs: number;
    readonly predictPerImageMs: number;
    readonly metricsMs: number;
  };
  /** The predictions the metrics came from. */
  readonly predictions: readonly PatchCorePrediction[];
}

function labelOf(sample: ImageSample): Label {
  if (sample.label !== undefined) return sample.label;
  throw new InvalidConfigError(
    'testSamples.label',
    `test image ${sample.path} has no label; evaluation needs labelled samples`,
  );
}

function orNull<T>(what: string, logger: Logger, compute: () => T): T | null {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    logger.warn(() => `${what} not computed: ${error.message}`);
    return null;
  }
}

/**
 * Predicts labelled test images and computes the SPEC §6 metrics on raw scores: image AUROC,
 * pixel AUROC (all images and anomalous only), AUPRO to FPR 0.3 (both variants) and the
 * F1-optimal pixel threshold (an oracle). Masks are read once with `@patchcore/backbone`'s
 * `loadMaskLevels` (the model's resize and crop) and binarised by R's rule by default. Logs a warning naming the
 * file for a mask whose size differs from its image's (both sizes given), and one for masks
 * that hold defect values the binarisation never counts (e.g. 0/1 masks under `exact255`).
 *
 * @param model - a fitted or loaded model.
 * @param testSamples - labelled images; anomalous ones with `maskPath` for pixel metrics.
 * @param options - progress, logger, mask binarisation, FPR limit.
 * @returns metrics, per-image scores, counts, timings and the predictions.
 * @throws {@link InvalidConfigError} when a sample has no label.
 */
export async function evaluateModel(
  model: PatchCore,
  testSamples: readonly ImageSample[],
  options: EvaluateModelOptions = {},
): Promise<EvaluationReport> {
  const logger = options.logger ?? silentLogger;
  const maskBinarization = options.maskBinarization ?? 'exact255';
  const labels = testSamples.map(labelOf);
  const predictStart = performance.now();
  const predictions = await model.predict(
    testSamples,
    options.onProgress === undefined ? {} : { onProgress: options.onProgress },
  );
  const predictMs = performance.now() - predictStart;

  const metricsStart = performance.now();
  const { resize, inputShape } = model.settings;
  const [height, width] = [inputShape[1], inputShape[2]];
  const pixelLabelsKnown = testSamples.every((s, i) => labels[i] === 0 || s.maskPath !== undefined);
  // One decode per mask serves both rules below.
  const maskLevels = await Promise.all(
    testSamples.map(async (sample) =>
      sample.maskPath === undefined
        ? undefined
        : await loadMaskLevels(sample.maskPath, { resize, cropSize: [height, width] }),
    ),
  );
  const masks: PixelGrid[] = maskLevels.map((levels) => ({
    width,
    height,
    data:
      levels === undefined
        ? new Uint8Array(width * height)
        : binarizeMaskLevels(levels, maskBinarization),
  }));
  const maps: PixelGrid[] = predictions.map((p) => ({ width, height, data: p.anomalyMap }));
  // SPEC §1.2, §6.3: the anomaly-only metrics cover the images whose resized mask has any
  // value above 0 (R: the float mask sums to more than 0), whatever the pixel binarisation;
  // an image with only partly covered pixels counts, and all its pixels are then negatives.
  const anomalyImages = maskLevels.map(
    (levels) => levels !== undefined && binarizeMaskLevels(levels, 'anyNonZero').includes(1),
  );
  const anomalyMaps = maps.filter((_, i) => anomalyImages[i]);
  const anomalyMasks = masks.filter((_, i) => anomalyImages[i]);
  const scores = predictions.map((p) => p.imageScore);
  const binarizedMasks = masks.map((m) => m.data as Uint8Array);
  const maskPixels = binarizedMasks.map((m) => m.reduce((a, b) => a + b, 0));
  await warnOnMaskProblems(testSamples, predictions, binarizedMasks, maskBinarization, logger);
  if (!pixelLabelsKnown)
    logger.warn('some anomalous test images have no mask: pixel metrics skipped');
  const pixel = <T>(what: string, compute: () => T): T | null =>
    pixelLabelsKnown ? orNull(what, logger, compute) : null;
  const fprLimit = options.fprLimit ?? 0.3;
  const aupro = pixel('pixelAupro', () => pixelAupro(maps, masks, { variant: 'full', fprLimit }));
  const report: EvaluationReport = {
    imageAuroc: orNull('imageAuroc', logger, () => imageAuroc(scores, labels)),
    pixelAuroc: pixel('pixelAuroc', () => pixelAuroc(maps, masks, { variant: 'full' })),
    pixelAurocAnomalous: pixel('anomalous pixelAuroc', () =>
      pixelAuroc(anomalyMaps, anomalyMasks, { variant: 'full' }),
    ),
    pixelAupro: aupro?.aupro ?? null,
    pixelAuproAnomalous:
      pixel('anomalous pixelAupro', () =>
        pixelAupro(anomalyMaps, anomalyMasks, { variant: 'full', fprLimit }),
      )?.aupro ?? null,
    f1OracleThreshold: pixel('F1 threshold', () =>
      pixelF1OptimalThreshold(maps, masks, 'test', { variant: 'full' }),
    ),
    maskBinarization,
    images: testSamples.map((sample, i) => ({
      path: sample.path,
      label: labels[i] as Label,
      ...(sample.defectType === undefined ? {} : { defectType: sample.defectType }),
      imageScore: scores[i] ?? Number.NaN,
      maskPixels: maskPixels[i] ?? 0,
    })),
    counts: {
      images: testSamples.length,
      anomalous: labels.filter((l) => l === 1).length,
      nominal: labels.filter((l) => l === 0).length,
      pixels: testSamples.length * width * height,
      anomalousPixels: maskPixels.reduce((a, b) => a + b, 0),
      defectRegions: aupro?.regionCount ?? null,
    },
    timings: {
      predictMs,
      predictPerImageMs: testSamples.length === 0 ? 0 : predictMs / testSamples.length,
      metricsMs: performance.now() - metricsStart,
    },
    predictions,
  };
  return report;
}
