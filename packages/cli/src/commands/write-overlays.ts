import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { writeFileAtomic } from '@patchcore/core';
import type { ProgressCallback } from '@patchcore/core';
import type { CliModel, CliPrediction } from '../pipeline/pipeline.js';
import { computeDisplayRange } from '../visual/display-range.js';
import type { DisplayRange } from '../visual/display-range.js';
import { renderOverlayPng } from '../visual/render-overlay.js';

/** Options of {@link writeOverlays}. */
export interface WriteOverlaysOptions {
  /** Folder receiving one PNG per prediction. */
  readonly outDir: string;
  /** Raw-score threshold: outlines the predicted region. */
  readonly threshold?: number;
  /** Progress of the rendering (stage `'overlay'`). */
  readonly onProgress: ProgressCallback;
}

/**
 * File names for overlays: `<parent folder>_<stem>.png`, with a counter on collisions.
 *
 * @param paths - image paths.
 * @returns one unique file name per path, in order.
 */
export function overlayFileNames(paths: readonly string[]): string[] {
  const used = new Set<string>();
  return paths.map((path) => {
    const stem = basename(path, extname(path));
    const base = `${basename(dirname(path))}_${stem}`;
    let name = `${base}.png`;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}.png`;
    used.add(name);
    return name;
  });
}

/**
 * Writes one overlay PNG per prediction (heat map over the original image at its original
 * size; predicted and ground-truth outlines when known), coloured on one display range taken
 * over all the predictions' maps (SPEC §5.3).
 *
 * @param model - the model that made the predictions.
 * @param predictions - the predictions.
 * @param options - output folder, threshold, progress.
 * @returns the written file paths, aligned with `predictions`, and the display range used.
 */
export async function writeOverlays(
  model: CliModel,
  predictions: readonly CliPrediction[],
  options: WriteOverlaysOptions,
): Promise<{ paths: string[]; range: DisplayRange }> {
  await mkdir(options.outDir, { recursive: true });
  const range = computeDisplayRange(predictions.map((p) => p.anomalyMap));
  const names = overlayFileNames(predictions.map((p) => p.sample.path));
  const paths: string[] = [];
  const started = performance.now();
  for (const [i, prediction] of predictions.entries()) {
    const png = await renderOverlayPng({
      imagePath: prediction.sample.path,
      anomalyMap: await model.anomalyMapAtOriginalSize(prediction),
      range,
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
      ...(prediction.sample.maskPath === undefined ? {} : { maskPath: prediction.sample.maskPath }),
    });
    const path = join(options.outDir, names[i] ?? `${i}.png`);
    await writeFileAtomic(path, png);
    paths.push(path);
    options.onProgress({
      stage: 'overlay',
      done: i + 1,
      total: predictions.length,
      elapsedMs: performance.now() - started,
    });
  }
  return { paths, range };
}
