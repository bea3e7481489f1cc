import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic } from '@patchcore/core';
import { buildReportHtml, pickWorstAndBest } from '../report/build-report-html.js';
import type { ReportImage, ReportMetric } from '../report/build-report-html.js';
import type { EvaluationMetrics } from '../pipeline/pipeline.js';
import { renderOverlayPng } from '../visual/render-overlay.js';
import type { CommandContext } from './command-context.js';
import { printResult } from './command-context.js';
import { RESOLVED_CONFIG_FILE } from './fit-command.js';
import { writeOverlays } from './write-overlays.js';

/** Options of the `evaluate` command. */
export interface EvaluateCommandOptions {
  /** Model folder written by `fit`. */
  readonly model: string;
  /** MVTec category folder (with test/ and ground_truth/). */
  readonly data: string;
  /** Folder receiving report.html, metrics.json and overlays/. */
  readonly out: string;
  /** Raw-score threshold for the outlines; default: the F1 oracle threshold. */
  readonly threshold?: number;
  /** Worst and best cases shown in the report (each). */
  readonly cases: number;
}

/** What `evaluate` reports. */
export interface EvaluateResult {
  /** Category name. */
  readonly category: string;
  /** The metrics (raw scores; SPEC §6). */
  readonly metrics: EvaluationMetrics;
  /** Per-image scores. */
  readonly images: readonly ReportImage[];
  /** The HTML report. */
  readonly report: string;
  /** The overlay folder. */
  readonly overlays: string;
}

/**
 * The metric rows shown in the report and on the terminal.
 *
 * @param metrics - evaluation metrics.
 * @returns rows with notes saying which variant each number is.
 */
export function metricRows(metrics: EvaluationMetrics): ReportMetric[] {
  return [
    { name: 'image AUROC', value: metrics.imageAuroc, note: 'image score = max patch score' },
    {
      name: 'pixel AUROC',
      value: metrics.pixelAuroc,
      note: `all test images; masks binarised by ${metrics.maskBinarization}`,
    },
    {
      name: 'pixel AUROC (defective only)',
      value: metrics.pixelAurocAnomalyOnly,
      note: 'defective test images only',
    },
    {
      name: 'pixel AUPRO',
      value: metrics.pixelAupro,
      note: 'full variant (negatives from all test images), FPR ≤ 0.3',
    },
    {
      name: 'pixel AUPRO (defective only)',
      value: metrics.pixelAuproAnomalyOnly,
      note: 'negatives from defective images only, FPR ≤ 0.3',
    },
    {
      name: 'F1 threshold (oracle)',
      value: metrics.f1OracleThreshold,
      note: 'chosen with the test masks; raw score units',
    },
  ];
}

async function readSavedConfig(modelDir: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(join(modelDir, RESOLVED_CONFIG_FILE), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * `patchcore evaluate`: scores an MVTec category's test split with a saved model, prints every
 * metric and writes a self-contained HTML report with overlays.
 *
 * @param options - model, data, output folder, threshold, number of cases.
 * @param context - streams, logger, progress, pipeline.
 * @returns metrics, per-image scores and where the report went.
 */
export async function runEvaluateCommand(
  options: EvaluateCommandOptions,
  context: CommandContext,
): Promise<EvaluateResult> {
  const modelDir = resolve(options.model);
  const dataPath = resolve(options.data);
  const outDir = resolve(options.out);
  const samples = await context.pipeline.loadSamples(dataPath, 'mvtec', 'test');
  const model = await context.pipeline.loadModel(modelDir, context.logger);
  try {
    const { metrics, predictions } = await context.pipeline.evaluate(model, samples, {
      onProgress: context.progress.onProgress,
      logger: context.logger,
    });
    const threshold = options.threshold ?? metrics.f1OracleThreshold ?? undefined;
    const overlayDir = join(outDir, 'overlays');
    const { range } = await writeOverlays(model, predictions, {
      outDir: overlayDir,
      onProgress: context.progress.onProgress,
      ...(threshold === undefined ? {} : { threshold }),
    });
    const images: ReportImage[] = predictions.map((p) => ({
      path: p.sample.path,
      label: p.sample.label ?? 0,
      imageScore: p.imageScore,
      ...(p.sample.defectType === undefined ? {} : { defectType: p.sample.defectType }),
    }));
    const { worst, best } = pickWorstAndBest(images, options.cases);
    const renderCase = async (image: ReportImage) => {
      const prediction = predictions[images.indexOf(image)];
      if (prediction === undefined) throw new Error(`no prediction for ${image.path}`);
      const png = await renderOverlayPng({
        imagePath: image.path,
        anomalyMap: await model.anomalyMapAtOriginalSize(prediction),
        range,
        width: 320,
        ...(threshold === undefined ? {} : { threshold }),
        ...(prediction.sample.maskPath === undefined
          ? {}
          : { maskPath: prediction.sample.maskPath }),
      });
      return { image, png };
    };
    const config = await readSavedConfig(modelDir);
    const category = (config as { category?: string } | undefined)?.category ?? basename(dataPath);
    const html = buildReportHtml({
      category,
      modelDir,
      dataPath,
      metrics: metricRows(metrics),
      images,
      worst: await Promise.all(worst.map(renderCase)),
      best: await Promise.all(best.map(renderCase)),
      ...(threshold === undefined ? {} : { threshold }),
      config,
    });
    const report = join(outDir, 'report.html');
    await writeFileAtomic(report, html);
    const result: EvaluateResult = { category, metrics, images, report, overlays: overlayDir };
    await writeFileAtomic(join(outDir, 'metrics.json'), `${JSON.stringify(result, null, 2)}\n`);
    const table = metricRows(metrics)
      .map((m) => `  ${m.name.padEnd(30)} ${m.value === null ? 'n/a' : m.value.toFixed(4)}`)
      .join('\n');
    printResult(
      context,
      result,
      `${category}: ${images.length} test images\n${table}\nreport: ${report}\noverlays: ${overlayDir}\n`,
    );
    return result;
  } finally {
    await model.dispose();
  }
}
