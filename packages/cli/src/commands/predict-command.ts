import { resolve } from 'node:path';
import { UsageError } from '../exit-codes.js';
import type { CommandContext } from './command-context.js';
import { printResult } from './command-context.js';
import { collectImages } from './collect-images.js';
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

/** One line of `predict`'s result. */
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

function formatTable(images: readonly PredictedImage[]): string {
  const width = Math.max(5, ...images.map((i) => i.path.length));
  const header = `${'image'.padEnd(width)}  ${'score'.padStart(12)}  label\n`;
  const rows = images.map((i) => {
    const label = i.label === undefined ? '-' : i.label === 1 ? 'anomalous' : 'nominal';
    return `${i.path.padEnd(width)}  ${i.imageScore.toPrecision(6).padStart(12)}  ${label}\n`;
  });
  return header + rows.join('');
}

/**
 * `patchcore predict`: scores images with a saved model; prints scores (and labels with a
 * threshold) and writes one overlay PNG per image.
 *
 * @param options - model, inputs, threshold, output folder.
 * @param context - streams, logger, progress, pipeline.
 * @returns one entry per image.
 * @throws UsageError when no image is given or the threshold is not a finite number.
 */
export async function runPredictCommand(
  options: PredictCommandOptions,
  context: CommandContext,
): Promise<PredictedImage[]> {
  if (options.inputs.length === 0) {
    throw new UsageError('predict needs at least one image or folder after the options');
  }
  if (options.threshold !== undefined && !Number.isFinite(options.threshold)) {
    throw new UsageError(`--threshold must be a finite number, got ${options.threshold}`);
  }
  const samples = await collectImages(options.inputs);
  const model = await context.pipeline.loadModel(resolve(options.model), context.logger);
  try {
    const predictions = await model.predict(samples, {
      onProgress: context.progress.onProgress,
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    });
    const overlays = options.overlays
      ? (
          await writeOverlays(model, predictions, {
            outDir: resolve(options.out),
            onProgress: context.progress.onProgress,
            ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
          })
        ).paths
      : [];
    const images = predictions.map((p, i): PredictedImage => {
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
    const where = options.overlays ? `overlays written to ${resolve(options.out)}\n` : '';
    printResult(context, images, formatTable(images) + where);
    return images;
  } finally {
    await model.dispose();
  }
}
