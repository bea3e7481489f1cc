// Loads a model saved by `bottle.ts --save <dir>` in a fresh process, with nothing but the
// folder, and evaluates it on an MVTec category's test split.
//
// Run from the repository root:
//   node --conditions=@patchcore/source --import tsx packages/patchcore/bench/evaluate-saved.ts \
//     <model-dir> [--data /work/shared/data/bottle] [--out file.json]
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadMvtecCategory } from '@patchcore/datasets';
import { evaluateModel, PatchCore } from '@patchcore/patchcore';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string', default: '/work/shared/data/bottle' },
    out: { type: 'string' },
  },
});
const dir = positionals[0];
if (dir === undefined) throw new Error('usage: evaluate-saved.ts <model-dir> [--data dir]');

const loadStart = performance.now();
const model = await PatchCore.loadFromDirectory(dir);
const loadSeconds = (performance.now() - loadStart) / 1000;
const category = await loadMvtecCategory(values.data);
const report = await evaluateModel(model, category.test);
const record = {
  modelDir: dir,
  loadSeconds: Number(loadSeconds.toFixed(2)),
  anomalyScoreNumNn: model.settings.anomalyScoreNumNn,
  memoryBankSize: model.memoryBankSize,
  imageAuroc: report.imageAuroc,
  pixelAurocFull: report.pixelAuroc,
  pixelAurocAnomalous: report.pixelAurocAnomalous,
  pixelAuproFull: report.pixelAupro,
  pixelAuproAnomalous: report.pixelAuproAnomalous,
  predictSecondsPerImage: Number((report.timings.predictPerImageMs / 1000).toFixed(3)),
  imageScores: report.images.map((image) => image.imageScore),
};
const text = `${JSON.stringify(record, null, 2)}\n`;
process.stdout.write(text);
if (values.out !== undefined) await writeFile(values.out, text);
await model.dispose();
