import { resolve } from 'node:path';
import { UsageError } from '../exit-codes.js';
import type { CommandContext } from './command-context.js';
import { printResult } from './command-context.js';
import { collectImages } from './collect-images.js';
import { checkOutputApartFromImages, checkOutputFolder } from './output-folder.js';
import { scoreReadableImages } from './score-readable-images.js';
import { writeOverlays } from './write-overlays.js';

/** Options of the `predict` command. */
export interface PredictCommandOptions {
  /** Model folder written by `fit`. */
  readonly model: string;
  /** Images and folders of images. */
  readonly inputs: readonly string[];
  /** Raw-score threshold: sets labels and outlines the predicted region. */
  readonly threshold?: number;
  /** Folder of the overlay PNGs. */
  readonly out: string;
  /** False to skip the overlays. */
  readonly overlays: boolean;
}

/** One line of `predict`'s result for an image that was scored. */
export interface PredictedImage {
  /** The image. */
  readonly path: string;
  /** Raw image score. */
  readonly imageScore: number;
  /** 1 anomalous, 0 nominal; only with a threshold. */
  readonly label?: 0 | 1;
  /** The overlay PNG, when written. */
  readonly overlay?: string;
}

/** One line of `predict`'s result for an image that could not be read. */
export interface UnreadableImage {
  /** The image. */
  readonly path: string;
  /** Why it could not be scored. */
  readonly error: string;
}

/** One line of `predict`'s result, in input order. */
export type PredictResult = PredictedImage | UnreadableImage;

/**
 * Tells a scored image from one that could not be read.
 *
 * @param result - one line of `predict`'s result.
 * @returns true when the image was scored.
 */
export function isPredictedImage(result: PredictResult): result is PredictedImage {
  return 'imageScore' in result;
}

function formatTable(results: readonly PredictResult[]): string {
  const width = Math.max(5, ...results.map((i) => i.path.length));
  const header = `${'image'.padEnd(width)}  ${'score'.padStart(12)}  label\n`;
  const rows = results.map((i) => {
    if (!isPredictedImage(i))
      return `${i.path.padEnd(width)}  ${'-'.padStart(12)}  error: ${i.error}\n`;
    const label = i.label === undefined ? '-' : i.label === 1 ? 'anomalous' : 'nominal';
    return `${i.path.padEnd(width)}  ${i.imageScore.toPrecision(6).padStart(12)}  ${label}\n`;
  });
  return header + rows.join('');
}

/**
 * `patchcore predict`: scores images with a saved model; prints scores (and labels with a
 * threshold) and writes one overlay PNG per image. An image that cannot be read is reported in
 * its place in the results and skipped; the others are still scored.
 *
 * @param options - model, inputs, threshold, output folder.
 * @param context - streams, logger, progress, pipeline.
 * @returns one entry per input image, in input order.
 * @throws UsageError when no image is given, the threshold is not a finite number, or the
 *   output folder holds input images; InvalidFileError when the output folder is not writable.
 */
export async function runPredictCommand(
  options: PredictCommandOptions,
  context: CommandContext,
): Promise<PredictResult[]> {
  if (options.inputs.length === 0) {
    throw new UsageError('predict needs at least one image or folder after the options');
  }
  if (options.threshold !== undefined && !Number.isFinite(options.threshold)) {
    throw new UsageError(`--threshold must be a finite number, got ${options.threshold}`);
  }
  const samples = await collectImages(options.inputs);
  const outDir = resolve(options.out);
  if (options.overlays) {
    await checkOutputApartFromImages(outDir, samples);
    await checkOutputFolder(outDir, '--out');
  }
  const model = await context.pipeline.loadModel(resolve(options.model), context.logger);
  try {
    const threshold = options.threshold === undefined ? {} : { threshold: options.threshold };
    const { predictions, failures } = await scoreReadableImages(model, samples, {
      onProgress: context.progress.onProgress,
      logger: context.logger,
      ...threshold,
    });
    const overlays = options.overlays
      ? (
          await writeOverlays(model, predictions, {
            outDir,
            onProgress: context.progress.onProgress,
            ...threshold,
          })
        ).paths
      : [];
    const scored = predictions.map((p, i): PredictedImage => {
      const label =
        options.threshold === undefined ? undefined : p.imageScore >= options.threshold ? 1 : 0;
      const overlay = overlays[i];
      return {
        path: p.sample.path,
        imageScore: p.imageScore,
        ...(label === undefined ? {} : { label }),
        ...(overlay === undefined ? {} : { overlay }),
      };
    });
    const results: PredictResult[] = [];
    let next = 0;
    for (const [i, sample] of samples.entries()) {
      const failure = failures.get(i);
      const result = failure === undefined ? scored[next++] : { path: sample.path, error: failure };
      if (result !== undefined) results.push(result);
    }
    const where =
      options.overlays && predictions.length > 0 ? `overlays written to ${outDir}\n` : '';
    printResult(context, results, formatTable(results) + where);
    return results;
  } finally {
    await model.dispose();
  }
}
