import type { ImageSample, Logger, ProgressCallback } from '@patchcore/core';
import type { ResolvedPatchcoreConfig } from '../config/config-schema.js';
import type { ScoreImage } from '../visual/render-overlay.js';

/** One scored image, as the CLI uses it. */
export interface CliPrediction {
  /** The input sample (path, and ground truth when known). */
  readonly sample: ImageSample;
  /** Raw image score (max patch score unless the model says otherwise). */
  readonly imageScore: number;
  /** Predicted label when a threshold was given: 1 when `imageScore >= threshold`. */
  readonly predictedLabel?: 0 | 1;
  /** Anomaly map at crop size, raw scores (used for the display range). */
  readonly anomalyMap: Float32Array;
}

/** A fitted or loaded model, seen through what the commands need. */
export interface CliModel {
  /** Rows in the memory bank (0 before fit). */
  readonly memoryBankSize: number;
  /**
   * Trains on nominal images.
   *
   * @param samples - training images.
   * @param onProgress - progress of extraction, sampling, indexing.
   */
  fit(samples: readonly ImageSample[], onProgress: ProgressCallback): Promise<void>;
  /**
   * Scores images.
   *
   * @param samples - images to score.
   * @param options - progress callback and an optional raw-score threshold.
   */
  predict(
    samples: readonly ImageSample[],
    options: { onProgress: ProgressCallback; threshold?: number },
  ): Promise<CliPrediction[]>;
  /**
   * The prediction's anomaly map at the original image's size.
   *
   * @param prediction - one of this model's predictions.
   */
  anomalyMapAtOriginalSize(prediction: CliPrediction): Promise<ScoreImage>;
  /**
   * Writes the model to a folder.
   *
   * @param dir - destination folder.
   */
  save(dir: string): Promise<void>;
  /** Releases native resources. */
  dispose(): Promise<void>;
}

/** Metrics of one evaluation; null where a metric does not apply (e.g. no masks). */
export interface EvaluationMetrics {
  /** Image-level AUROC. */
  readonly imageAuroc: number | null;
  /** Pixel AUROC over every test image. */
  readonly pixelAuroc: number | null;
  /** Pixel AUROC over the defective images only. */
  readonly pixelAurocAnomalyOnly: number | null;
  /** AUPRO up to FPR 0.3, over every test image (the "full" variant). */
  readonly pixelAupro: number | null;
  /** AUPRO up to FPR 0.3 with negatives from the defective images only (README's "PRO"). */
  readonly pixelAuproAnomalyOnly: number | null;
  /** How ground-truth masks were binarised (e.g. `'exact255'`, R's rule). */
  readonly maskBinarization: string;
  /** The F1-optimal pixel threshold, found with the test masks (an oracle), raw units. */
  readonly f1OracleThreshold: number | null;
}

/** What `evaluate` produces: metrics and the predictions they came from. */
export interface EvaluationOutcome {
  /** The metrics. */
  readonly metrics: EvaluationMetrics;
  /** One prediction per test image, in test-set order. */
  readonly predictions: readonly CliPrediction[];
}

/** Options of {@link Pipeline.runBenchmarks}. */
export interface BenchCommandOptions {
  /** `quick` (CI) or `full`. */
  readonly mode: 'quick' | 'full';
  /** Folder of results; undefined for the harness's default. */
  readonly outDir?: string;
  /** Case names; undefined for all. */
  readonly cases?: readonly string[];
  /** Logger for notes. */
  readonly logger: Logger;
  /** Progress events. */
  readonly onProgress: ProgressCallback;
}

/**
 * The parts the commands compose: the seam between the CLI and the packages it drives. The
 * default implementation wires `@patchcore/patchcore`, the samplers, the memory bank, the
 * backbone and the datasets; tests substitute a small synthetic one.
 */
export interface Pipeline {
  /**
   * Builds an unfitted model from a resolved config.
   *
   * @param config - the resolved config.
   * @param logger - where the packages log.
   */
  createModel(config: ResolvedPatchcoreConfig, logger: Logger): Promise<CliModel>;
  /**
   * Loads a model saved by {@link CliModel.save}.
   *
   * @param dir - the model folder.
   * @param logger - where the packages log.
   */
  loadModel(dir: string, logger: Logger): Promise<CliModel>;
  /**
   * Lists the samples of a dataset split.
   *
   * @param path - MVTec category folder, image folder or manifest file.
   * @param layout - how `path` is organised.
   * @param split - which split (ignored for plain folders).
   */
  loadSamples(
    path: string,
    layout: ResolvedPatchcoreConfig['data']['layout'],
    split: 'train' | 'test',
  ): Promise<ImageSample[]>;
  /**
   * Evaluates a model on labelled test samples.
   *
   * @param model - a fitted model.
   * @param samples - test samples with labels and masks.
   * @param options - progress and logger.
   */
  evaluate(
    model: CliModel,
    samples: readonly ImageSample[],
    options: { onProgress: ProgressCallback; logger: Logger },
  ): Promise<EvaluationOutcome>;
  /**
   * Runs the benchmark harness.
   *
   * @param options - mode, output folder, cases, logger, progress.
   * @returns where the results went and a short text summary.
   */
  runBenchmarks(options: BenchCommandOptions): Promise<{ outDir: string; summary: string }>;
}
