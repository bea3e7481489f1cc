import type { RocPoint } from './roc-points.js';

const WIDTH = 360;
const HEIGHT = 300;
const MARGIN = { left: 48, right: 12, top: 12, bottom: 40 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function axes(xLabel: string, yLabel: string, xTicks: string[], yTicks: string[]): string {
  const x0 = MARGIN.left;
  const y0 = MARGIN.top + PLOT_H;
  const parts = [
    `<rect x="${x0}" y="${MARGIN.top}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#888"/>`,
  ];
  xTicks.forEach((tick, i) => {
    const x = x0 + (PLOT_W * i) / Math.max(1, xTicks.length - 1);
    parts.push(
      `<text x="${x.toFixed(1)}" y="${y0 + 14}" font-size="10" text-anchor="middle">${escapeXml(tick)}</text>`,
    );
  });
  yTicks.forEach((tick, i) => {
    const y = y0 - (PLOT_H * i) / Math.max(1, yTicks.length - 1);
    parts.push(
      `<text x="${x0 - 4}" y="${(y + 3).toFixed(1)}" font-size="10" text-anchor="end">${escapeXml(tick)}</text>`,
    );
  });
  parts.push(
    `<text x="${x0 + PLOT_W / 2}" y="${HEIGHT - 6}" font-size="11" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(12 ${MARGIN.top + PLOT_H / 2}) rotate(-90)" font-size="11" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  );
  return parts.join('');
}

function svg(body: string, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" ` +
    `height="${HEIGHT}" role="img" aria-label="${escapeXml(title)}">${body}</svg>`
  );
}

/**
 * Draws a ROC curve as an inline SVG (false-positive rate across, true-positive rate up), with
 * the chance diagonal dashed.
 *
 * @param points - the curve from (0, 0) to (1, 1).
 * @param title - accessible name of the chart.
 * @returns the SVG markup.
 */
export function rocCurveSvg(points: readonly RocPoint[], title = 'ROC curve'): string {
  const px = (fpr: number): number => MARGIN.left + fpr * PLOT_W;
  const py = (tpr: number): number => MARGIN.top + (1 - tpr) * PLOT_H;
  const path = points.map((p) => `${px(p.fpr).toFixed(1)},${py(p.tpr).toFixed(1)}`).join(' ');
  const ticks = ['0', '0.25', '0.5', '0.75', '1'];
  const body =
    axes('false-positive rate', 'true-positive rate', ticks, ticks) +
    `<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#bbb" stroke-dasharray="4 4"/>` +
    (points.length > 0
      ? `<polyline points="${path}" fill="none" stroke="#c0392b" stroke-width="2"/>`
      : '');
  return svg(body, title);
}

/** One series of a histogram. */
export interface HistogramSeries {
  /** Legend text. */
  readonly name: string;
  /** CSS colour of its bars. */
  readonly color: string;
  /** The values counted. */
  readonly values: readonly number[];
}

/**
 * Draws overlaid histograms of several series on shared bins as an inline SVG (e.g. image
 * scores of nominal vs defective images).
 *
 * @param series - the series, drawn half-transparent in order.
 * @param binCount - number of equal-width bins over the common range.
 * @param xLabel - label of the horizontal axis.
 * @returns the SVG markup.
 */
export function histogramSvg(
  series: readonly HistogramSeries[],
  binCount = 20,
  xLabel = 'image score',
): string {
  const all = series.flatMap((s) => s.values);
  const min = all.length > 0 ? Math.min(...all) : 0;
  const max = all.length > 0 ? Math.max(...all) : 1;
  const span = max > min ? max - min : 1;
  const counts = series.map((s) => {
    const bins = new Array<number>(binCount).fill(0);
    for (const v of s.values) {
      const bin = Math.min(binCount - 1, Math.floor(((v - min) / span) * binCount));
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    return bins;
  });
  const top = Math.max(1, ...counts.flat());
  const barW = PLOT_W / binCount;
  const bars = counts.flatMap((bins, s) =>
    bins.map((count, b) => {
      const h = (count / top) * PLOT_H;
      const x = MARGIN.left + b * barW;
      const y = MARGIN.top + PLOT_H - h;
      const color = series[s]?.color ?? '#888';
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${color}" fill-opacity="0.55"/>`;
    }),
  );
  const legend = series.map(
    (s, i) =>
      `<rect x="${MARGIN.left + 8}" y="${MARGIN.top + 8 + i * 16}" width="10" height="10" fill="${s.color}"/>` +
      `<text x="${MARGIN.left + 22}" y="${MARGIN.top + 17 + i * 16}" font-size="11">${escapeXml(`${s.name} (${s.values.length})`)}</text>`,
  );
  const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));
  const xTicks = [min, min + span / 2, min + span].map(fmt);
  const yTicks = ['0', String(top)];
  return svg(axes(xLabel, 'images', xTicks, yTicks) + bars.join('') + legend.join(''), 'histogram');
}
