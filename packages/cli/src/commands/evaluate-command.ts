import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { InvalidStateError, writeFileAtomic } from '@patchcore/core';
import { buildReportHtml, pickWorstAndBest } from '../report/build-report-html.js';
import type { ReportCase, ReportImage, ReportMetric } from '../report/build-report-html.js';
import type {
  CliModel,
  CliPrediction,
  EvaluationMetrics,
  EvaluationOutcome,
} from '../pipeline/pipeline.js';
import type { DisplayRange } from '../visual/display-range.js';
import { renderOverlayPng } from '../visual/render-overlay.js';
import type { CommandContext } from './command-context.js';
import { printResult } from './command-context.js';
import { RESOLVED_CONFIG_FILE } from './fit-command.js';
import { writeOverlays } from './write-overlays.js';
import { checkOutputFolder, checkOutputOutside, isSameOrInside } from './output-folder.js';
import { countNoun } from '../output/count-noun.js';

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

function toReportImage(p: CliPrediction): ReportImage {
  return {
    path: p.sample.path,
    label: p.sample.label ?? 0,
    imageScore: p.imageScore,
    ...(p.sample.defectType === undefined ? {} : { defectType: p.sample.defectType }),
  };
}

/** Renders the report's worst and best cases (320 px wide overlays). */
async function renderCases(
  model: CliModel,
  predictions: readonly CliPrediction[],
  chosen: readonly ReportImage[],
  all: readonly ReportImage[],
  look: { range: DisplayRange; threshold: number | undefined },
): Promise<ReportCase[]> {
  const cases: ReportCase[] = [];
  for (const image of chosen) {
    const prediction = predictions[all.indexOf(image)];
    if (prediction === undefined) throw new InvalidStateError(`no prediction for ${image.path}`);
    const { maskPath } = prediction.sample;
    const png = await renderOverlayPng({
      imagePath: image.path,
      anomalyMap: await model.anomalyMapAtOriginalSize(prediction),
      range: look.range,
      width: 320,
      ...(look.threshold === undefined ? {} : { threshold: look.threshold }),
      ...(maskPath === undefined ? {} : { maskPath }),
    });
    cases.push({ image, png });
  }
  return cases;
}

function metricsText(result: EvaluateResult): string {
  const table = metricRows(result.metrics)
    .map((m) => `  ${m.name.padEnd(30)} ${m.value === null ? 'n/a' : m.value.toFixed(4)}`)
    .join('\n');
  return (
    `${result.category}: ${countNoun(result.images.length, 'test image')}\n${table}\n` +
    `report: ${result.report}\noverlays: ${result.overlays}\n`
  );
}

/** Writes overlays, report.html and metrics.json for one evaluation. */
async function writeOutputs(
  model: CliModel,
  outcome: EvaluationOutcome,
  paths: { modelDir: string; dataPath: string; outDir: string },
  options: EvaluateCommandOptions,
  context: CommandContext,
): Promise<EvaluateResult> {
  const { metrics, predictions } = outcome;
  const threshold = options.threshold ?? metrics.f1OracleThreshold ?? undefined;
  const overlays = join(paths.outDir, 'overlays');
  const { range } = await writeOverlays(model, predictions, {
    outDir: overlays,
    onProgress: context.progress.onProgress,
    ...(threshold === undefined ? {} : { threshold }),
  });
  const images = predictions.map(toReportImage);
  const { worst, best } = pickWorstAndBest(images, options.cases);
  const config = await readSavedConfig(paths.modelDir);
  const category = await evaluatedCategory(config, paths.dataPath);
  const look = { range, threshold };
  const html = buildReportHtml({
    category,
    modelDir: paths.modelDir,
    dataPath: paths.dataPath,
    metrics: metricRows(metrics),
    images,
    worst: await renderCases(model, predictions, worst, images, look),
    best: await renderCases(model, predictions, best, images, look),
    ...(threshold === undefined ? {} : { threshold }),
    config,
  });
  const report = join(paths.outDir, 'report.html');
  await writeFileAtomic(report, html);
  const result: EvaluateResult = { category, metrics, images, report, overlays };
  await writeFileAtomic(join(paths.outDir, 'metrics.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/**
 * The category name shown for an evaluation: the model's own when it is evaluated on the data it
 * was trained on (its config may name it), else the data folder's name.
 */
async function evaluatedCategory(config: unknown, dataPath: string): Promise<string> {
  const saved = config as { category?: string; data?: { path?: string } } | undefined;
  const trainedOn = saved?.data?.path;
  const sameData =
    trainedOn !== undefined &&
    (await isSameOrInside(dataPath, trainedOn)) &&
    (await isSameOrInside(trainedOn, dataPath));
  return (sameData ? saved?.category : undefined) ?? basename(dataPath);
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
  const paths = {
    modelDir: resolve(options.model),
    dataPath: resolve(options.data),
    outDir: resolve(options.out),
  };
  await checkOutputOutside(paths.outDir, '--out', paths.dataPath, 'the data folder');
  await checkOutputFolder(paths.outDir, '--out');
  const samples = await context.pipeline.loadSamples(paths.dataPath, 'mvtec', 'test');
  const model = await context.pipeline.loadModel(paths.modelDir, context.logger);
  try {
    const outcome = await context.pipeline.evaluate(model, samples, {
      onProgress: context.progress.onProgress,
      logger: context.logger,
    });
    const result = await writeOutputs(model, outcome, paths, options, context);
    printResult(context, result, metricsText(result));
    return result;
  } finally {
    await model.dispose();
  }
}
