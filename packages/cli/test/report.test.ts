import { describe, expect, it } from 'vitest';
import { buildReportHtml, pickWorstAndBest } from '../src/report/build-report-html.js';
import type { ReportImage } from '../src/report/build-report-html.js';
import { imageRocPoints } from '../src/report/roc-points.js';
import { histogramSvg, rocCurveSvg } from '../src/report/svg-charts.js';

const images: ReportImage[] = [
  { path: '/d/test/good/000.png', label: 0, imageScore: 1, defectType: 'good' },
  { path: '/d/test/good/001.png', label: 0, imageScore: 4, defectType: 'good' },
  { path: '/d/test/crack/000.png', label: 1, imageScore: 3, defectType: 'crack' },
  { path: '/d/test/crack/001.png', label: 1, imageScore: 9, defectType: 'crack' },
];

describe('imageRocPoints', () => {
  it('steps through every distinct score from (0, 0) to (1, 1)', () => {
    const points = imageRocPoints([0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0]);
    expect(points).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 0.5, tpr: 0.5 },
      { fpr: 0.5, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
  });

  it('moves diagonally when scores tie', () => {
    expect(imageRocPoints([1, 1], [1, 0])).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 1, tpr: 1 },
    ]);
  });

  it('returns no points when only one label is present', () => {
    expect(imageRocPoints([1, 2], [0, 0])).toEqual([]);
  });
});

describe('pickWorstAndBest', () => {
  it('ranks a high-scoring nominal and a low-scoring defective image worst', () => {
    const { worst, best } = pickWorstAndBest(images, 2);
    expect(worst.map((i) => i.path)).toEqual(['/d/test/crack/000.png', '/d/test/good/001.png']);
    expect(best.map((i) => i.path).sort()).toEqual([
      '/d/test/crack/001.png',
      '/d/test/good/000.png',
    ]);
  });
});

describe('svg charts', () => {
  it('draws one polyline for a ROC curve', () => {
    const svg = rocCurveSvg(imageRocPoints([2, 1], [1, 0]));
    expect(svg.match(/<polyline/g)).toHaveLength(1);
  });

  it('draws one bar per bin and series when histogramming', () => {
    const svg = histogramSvg(
      [
        { name: 'good', color: '#00f', values: [1, 2] },
        { name: 'bad', color: '#f00', values: [3] },
      ],
      5,
    );
    expect(svg.match(/fill-opacity/g)).toHaveLength(10);
  });
});

describe('buildReportHtml', () => {
  const png = Uint8Array.from([137, 80, 78, 71]);
  const html = buildReportHtml({
    category: 'widget <b>',
    modelDir: '/m',
    dataPath: '/d',
    metrics: [{ name: 'image AUROC', value: 0.75, note: 'max' }],
    images,
    worst: [{ image: images[2]!, png }],
    best: [{ image: images[3]!, png }],
    threshold: 3.5,
    config: { sampler: { name: 'random' } },
  });

  it('holds the metrics table, both charts and both case grids', () => {
    expect(html).toContain('<td class="num">0.7500</td>');
    expect(html).toContain('id="roc"');
    expect(html).toContain('id="histogram"');
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(2);
  });

  it('names the outline threshold in the legend, and leaves the entry out without one', () => {
    expect(html).toContain('predicted region (score ≥ 3.500)');
    const without = buildReportHtml({
      category: 'widget',
      modelDir: '/m',
      dataPath: '/d',
      metrics: [],
      images,
      worst: [],
      best: [],
    });
    expect(without).not.toContain('predicted region');
  });

  it('wraps case captions only after / _ - . when a file name is long', () => {
    const long = buildReportHtml({
      category: 'widget',
      modelDir: '/m',
      dataPath: '/d',
      metrics: [],
      images,
      worst: [{ image: { ...images[2]!, path: '/d/test/crack/very_long-file.name<x>.png' }, png }],
      best: [],
      threshold: 3.5,
    });
    expect(long).not.toContain('break-all');
    expect(long).toContain('overflow-wrap: break-word');
    expect(long).toContain(
      '<figcaption>crack/<wbr>very_<wbr>long-<wbr>file.<wbr>name&lt;x&gt;.<wbr>png<wbr> ' +
        '(crack), score 3.000</figcaption>',
    );
  });

  it('escapes text taken from the data', () => {
    expect(html).toContain('widget &lt;b&gt;');
    expect(html).not.toContain('widget <b>');
  });

  it('references no external URL in src or href attributes', () => {
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((u) => u.startsWith('data:'))).toBe(true);
  });
});
