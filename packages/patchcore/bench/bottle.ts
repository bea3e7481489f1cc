// End-to-end PatchCore on MVTec `bottle`: fit → predict → evaluate with the default backbone
// (embedded MobileNetV2, 256 → 224), approximate greedy coreset at 10 % and the exact faiss bank.
//
// Run from the repository root:
//   node --conditions=@patchcore/source --import tsx packages/patchcore/bench/bottle.ts \
//     [--data /work/shared/data/bottle] [--train N] [--sampler approx|identity] [--k 1]
//     [--out file.json] [--save model-dir]
//
// Prints one JSON record (metrics, bank size, timings) to stdout; progress goes to stderr.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { FeatureSampler, Logger, ProgressEvent } from '@patchcore/core';
import { loadMvtecCategory } from '@patchcore/datasets';
import { evaluateModel, PatchCore } from '@patchcore/patchcore';
import { createSampler } from '@patchcore/samplers';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '/work/shared/data/bottle' },
    train: { type: 'string' },
    sampler: { type: 'string', default: 'approx' },
    percentage: { type: 'string', default: '0.1' },
    k: { type: 'string', default: '1' },
    out: { type: 'string' },
    save: { type: 'string' },
  },
});

const logger: Logger = {
  debug: (m) => process.stderr.write(`[debug] ${typeof m === 'function' ? m() : m}\n`),
  info: (m) => process.stderr.write(`[info] ${typeof m === 'function' ? m() : m}\n`),
  warn: (m) => process.stderr.write(`[warn] ${typeof m === 'function' ? m() : m}\n`),
  error: (m) => process.stderr.write(`[error] ${typeof m === 'function' ? m() : m}\n`),
};

let lastReport = 0;
function onProgress(event: ProgressEvent): void {
  const now = performance.now();
  if (event.done !== event.total && now - lastReport < 5000) return;
  lastReport = now;
  process.stderr.write(
    `${event.stage} ${event.done}/${event.total} ${(event.elapsedMs / 1000).toFixed(1)} s\n`,
  );
}

function makeSampler(): FeatureSampler {
  if (values.sampler === 'identity') return createSampler({ name: 'identity' }, logger);
  return createSampler(
    { name: 'approx_greedy_coreset', percentage: Number(values.percentage), seed: 0 },
    logger,
  );
}

const category = await loadMvtecCategory(values.data, { logger });
const train =
  values.train === undefined ? category.train : category.train.slice(0, Number(values.train));
const model = new PatchCore({ logger });
await model.load({ featuresampler: makeSampler(), anomalyScoreNumNn: Number(values.k) });

const fitStart = performance.now();
const stageStart: Record<string, number> = {};
const stageEnd: Record<string, number> = {};
const summary = await model.fit(train, {
  onProgress: (event) => {
    stageStart[event.stage] ??= performance.now() - event.elapsedMs;
    stageEnd[event.stage] = performance.now();
    onProgress(event);
  },
});
const fitMs = performance.now() - fitStart;
const stageSeconds = Object.fromEntries(
  Object.keys(stageStart).map((s) => [
    s,
    (((stageEnd[s] ?? 0) - (stageStart[s] ?? 0)) / 1000).toFixed(1),
  ]),
);

if (values.save !== undefined) await model.save(values.save);

const report = await evaluateModel(model, category.test, { onProgress, logger });
const record = {
  category: category.category,
  trainImages: summary.imageCount,
  testImages: report.counts.images,
  features: summary.featureCount,
  memoryBankSize: summary.memoryBankSize,
  sampler: values.sampler,
  percentage: values.sampler === 'identity' ? 1 : Number(values.percentage),
  anomalyScoreNumNn: Number(values.k),
  imageAuroc: report.imageAuroc,
  pixelAurocFull: report.pixelAuroc,
  pixelAurocAnomalous: report.pixelAurocAnomalous,
  pixelAuproFull: report.pixelAupro,
  pixelAuproAnomalous: report.pixelAuproAnomalous,
  maskBinarization: report.maskBinarization,
  anomalousPixels: report.counts.anomalousPixels,
  fitSeconds: Number((fitMs / 1000).toFixed(1)),
  fitStageSeconds: stageSeconds,
  predictSecondsPerImage: Number((report.timings.predictPerImageMs / 1000).toFixed(3)),
};
const text = `${JSON.stringify(record, null, 2)}\n`;
process.stdout.write(text);
if (values.out !== undefined) await writeFile(values.out, text);
await model.dispose();
