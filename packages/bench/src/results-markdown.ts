import type { BenchmarkCase } from './benchmark-case.js';
import type { BenchmarkResults, VariantResult } from './benchmark-results.js';
import type { Summary } from './stats.js';

const HEADER =
  '| Variant | Measure | Median ms | Min ms | Max ms | Runs | Ratio | Base RSS MiB | Peak RSS MiB | Figures |';
const ALIGN = '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |';

/**
 * Formats a number for a table: integers as they are, else no decimals past 100, one decimal
 * past 10, and three significant digits below.
 *
 * @param value - the number.
 * @returns its text.
 */
export function formatNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (Number.isInteger(value)) return value.toString();
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return Number(value.toPrecision(3)).toString();
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function ratioText(result: VariantResult, all: readonly VariantResult[]): string {
  if (result.relativeTo === undefined) return '';
  const reference = all.find((r) => r.case === result.case && r.variant === result.relativeTo);
  const own = result.timingsMs['wall']?.median;
  const theirs = reference?.timingsMs['wall']?.median;
  if (own === undefined || theirs === undefined || theirs <= 0) return '';
  return `${formatNumber(own / theirs)}× ${result.relativeTo}`;
}

function figuresText(result: VariantResult, shared: ReadonlySet<string>): string {
  const figures = Object.entries(result.figures).map(([k, v]) => `${k} ${formatNumber(v)}`);
  const facts = Object.entries(result.facts)
    .filter(([k]) => !shared.has(k))
    .map(([k, v]) => `${k} ${String(v)}`);
  return [...figures, ...facts].join(', ');
}

/** Facts with one value in every ok row of a case (at least two rows): said once per table. */
function sharedFacts(rows: readonly VariantResult[]): Map<string, string> {
  const ok = rows.filter((row) => row.status === 'ok');
  const shared = new Map<string, string>();
  if (ok.length < 2) return shared;
  for (const [key, value] of Object.entries(ok[0]?.facts ?? {})) {
    if (ok.every((row) => row.facts[key] === value)) shared.set(key, String(value));
  }
  return shared;
}

function timingRow(name: string, summary: Summary): string[] {
  return [name, ...[summary.median, summary.min, summary.max].map(formatNumber), `${summary.runs}`];
}

function variantRows(
  result: VariantResult,
  all: readonly VariantResult[],
  shared: ReadonlySet<string>,
): string[] {
  if (result.status !== 'ok') {
    const reason = `${result.status}: ${result.reason ?? 'no reason given'}`;
    return [`| ${cell(result.variant)} | ${cell(reason)} |  |  |  |  |  |  |  |  |`];
  }
  // `wall` first, then the per-stage timings in the order the case reported them.
  const names = Object.keys(result.timingsMs).sort((a, b) => +(b === 'wall') - +(a === 'wall'));
  return names.map((name, index) => {
    const first = index === 0;
    const memory = (value: number | undefined): string =>
      first && value !== undefined ? formatNumber(value) : '';
    const columns = [
      first ? result.variant : '',
      ...timingRow(name, result.timingsMs[name] as Summary),
      first ? ratioText(result, all) : '',
      memory(result.baseRssMiB),
      memory(result.peakRssMiB),
      first ? figuresText(result, shared) : '',
    ];
    return `| ${columns.map(cell).join(' | ')} |`;
  });
}

/**
 * Renders the results as Markdown: a paragraph of machine facts, then one table per case.
 *
 * @param results - what the run measured.
 * @param cases - the cases, for their titles and descriptions, in table order.
 * @returns the Markdown text, ending with a newline.
 */
export function renderResultsMarkdown(
  results: BenchmarkResults,
  cases: readonly Pick<BenchmarkCase, 'name' | 'title' | 'description'>[],
): string {
  const m = results.machine;
  const lines = [
    `# PatchCore benchmarks (${results.mode} mode)`,
    '',
    `Run ${results.startedAt}, ${formatNumber(results.elapsedMs / 1000)} s in all. ` +
      `Machine: ${m.cores} cores (${m.cpuModel}), ${m.totalMemoryGiB} GiB, ${m.platform}, ` +
      `Node ${m.nodeVersion}, load average ${formatNumber(m.loadAverage1m)} at the start. ` +
      `OMP_NUM_THREADS in every child: ${m.faissThreads}; each memory bank sets its own faiss ` +
      `thread count (faissThreads in its row). ` +
      `Tensor backend: ${m.tensorBackend}.`,
    '',
    'Times are the median of the measured runs after one warm-up (runs = how many), with min ' +
      'and max. Each variant runs in a child process of its own: base RSS is its resident ' +
      'memory when the measured runs began (inputs loaded), peak RSS the highest during them. ' +
      'The machine is shared and noisy: ratios between variants of one run mean more than ' +
      'absolute times.',
  ];
  for (const benchmarkCase of cases) {
    const rows = results.results.filter((result) => result.case === benchmarkCase.name);
    if (rows.length === 0) continue;
    lines.push('', `## ${benchmarkCase.title}`, '', benchmarkCase.description);
    const shared = sharedFacts(rows);
    if (shared.size > 0) {
      const text = [...shared].map(([key, value]) => `${key} ${value}`).join(', ');
      lines.push('', `Every row: ${text}.`);
    }
    lines.push('', HEADER, ALIGN);
    const sharedKeys = new Set(shared.keys());
    for (const result of rows) lines.push(...variantRows(result, results.results, sharedKeys));
  }
  return `${lines.join('\n')}\n`;
}
