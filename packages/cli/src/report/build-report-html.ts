import { Eta } from 'eta';
import { REPORT_TEMPLATE } from './report-template.js';
import { imageRocPoints } from './roc-points.js';
import { histogramSvg, rocCurveSvg } from './svg-charts.js';

/** One metric row of the report. */
export interface ReportMetric {
  /** Name, e.g. `'image AUROC'`. */
  readonly name: string;
  /** Value, or null when it could not be computed. */
  readonly value: number | null;
  /** What the number is (variant, oracle, …). */
  readonly note?: string;
}

/** One scored test image. */
export interface ReportImage {
  /** Image file. */
  readonly path: string;
  /** 0 nominal, 1 defective. */
  readonly label: 0 | 1;
  /** Raw image score. */
  readonly imageScore: number;
  /** MVTec defect type, e.g. `'good'`. */
  readonly defectType?: string;
}

/** One case shown in the worst/best grid. */
export interface ReportCase {
  /** The image it shows. */
  readonly image: ReportImage;
  /** Overlay PNG bytes (inlined as a data URI). */
  readonly png: Uint8Array;
}

/** Everything the report shows. */
export interface ReportData {
  /** Category name. */
  readonly category: string;
  /** Model folder. */
  readonly modelDir: string;
  /** Test data folder. */
  readonly dataPath: string;
  /** Metric rows. */
  readonly metrics: readonly ReportMetric[];
  /** Every scored test image. */
  readonly images: readonly ReportImage[];
  /** Worst cases, worst first. */
  readonly worst: readonly ReportCase[];
  /** Best cases, best first. */
  readonly best: readonly ReportCase[];
  /** Raw-score threshold of the outlined predicted region, if any. */
  readonly threshold?: number;
  /** The model's resolved config, shown at the end. */
  readonly config?: unknown;
  /** Timestamp text; default: now, ISO 8601. */
  readonly generatedAt?: string;
}

function formatMetric(value: number | null): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(4);
}

/**
 * Splits a file name after each `/`, `_`, `-` and `.`, where the template puts a `<wbr>`: a
 * long name then wraps at those points instead of mid-word.
 */
function wrapPoints(name: string): string[] {
  return name.split(/(?<=[/_.-])/);
}

function caseView(c: ReportCase): {
  src: string;
  alt: string;
  nameParts: string[];
  details: string;
} {
  const name = c.image.path.split(/[\\/]/).slice(-2).join('/');
  const kind = c.image.defectType ?? (c.image.label === 1 ? 'defective' : 'good');
  return {
    src: `data:image/png;base64,${Buffer.from(c.png).toString('base64')}`,
    alt: `overlay of ${name}`,
    nameParts: wrapPoints(name),
    details: `(${kind}), score ${c.image.imageScore.toPrecision(4)}`,
  };
}

/**
 * Builds the self-contained HTML evaluation report: metrics table, ROC curve, score histogram
 * of nominal vs defective images, and a grid of worst and best cases with their overlays.
 *
 * @param data - what to show.
 * @returns the HTML text.
 */
export function buildReportHtml(data: ReportData): string {
  const scores = data.images.map((i) => i.imageScore);
  const labels = data.images.map((i) => i.label);
  const imageAuroc = data.metrics.find((m) => m.name === 'image AUROC')?.value ?? null;
  const view = {
    category: data.category,
    modelDir: data.modelDir,
    dataPath: data.dataPath,
    imageCount: data.images.length,
    defectiveCount: labels.filter((l) => l === 1).length,
    generatedAt: data.generatedAt ?? new Date().toISOString(),
    metrics: data.metrics.map((m) => ({
      name: m.name,
      value: formatMetric(m.value),
      note: m.note ?? '',
    })),
    rocSvg: rocCurveSvg(imageRocPoints(scores, labels)),
    histogramSvg: histogramSvg([
      { name: 'good', color: '#2e86de', values: scores.filter((_, i) => labels[i] === 0) },
      { name: 'defective', color: '#e74c3c', values: scores.filter((_, i) => labels[i] === 1) },
    ]),
    imageAurocText: formatMetric(imageAuroc),
    thresholdText: data.threshold === undefined ? undefined : data.threshold.toPrecision(4),
    worst: data.worst.map(caseView),
    best: data.best.map(caseView),
    configJson: JSON.stringify(data.config ?? {}, null, 2),
  };
  const eta = new Eta({ autoEscape: true, autoTrim: false, useWith: false });
  return eta.renderString(REPORT_TEMPLATE, view);
}

/**
 * Picks the worst and best cases: each image's error is its min-max-scaled score for a
 * nominal image and one minus it for a defective one.
 *
 * @param images - scored test images.
 * @param count - how many of each to return.
 * @returns worst (largest error first) and best (smallest error first).
 */
export function pickWorstAndBest(
  images: readonly ReportImage[],
  count: number,
): { worst: ReportImage[]; best: ReportImage[] } {
  const scores = images.map((i) => i.imageScore);
  const min = Math.min(...scores);
  const span = Math.max(...scores) - min;
  const error = (i: ReportImage): number => {
    const scaled = span > 0 ? (i.imageScore - min) / span : 0;
    return i.label === 1 ? 1 - scaled : scaled;
  };
  const ranked = [...images].sort((a, b) => error(b) - error(a));
  const worst = ranked.slice(0, Math.min(count, ranked.length));
  const rest = ranked.slice(worst.length);
  return { worst, best: rest.reverse().slice(0, count) };
}
