// Quickstart: train PatchCore on the embedded sample category, score its test images, print
// image and pixel AUROC, and write one heat-map overlay per test image.
//
//   node examples/quickstart.mjs [output folder]        (after `npm run setup`)
//
// It reads examples/configs/quickstart.yaml, exactly as `patchcore fit --config` would, and
// uses the packages' public APIs, as your own code would.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  computeDisplayRange,
  loadConfigFile,
  patchCoreLoadOptions,
  renderOverlayPng,
} from '@patchcore/cli';
import { loadMvtecCategory } from '@patchcore/datasets';
import { PatchCore, anomalyMapAtOriginalSize, evaluateModel } from '@patchcore/patchcore';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, '../runs/quickstart'));
const config = await loadConfigFile(join(here, 'configs/quickstart.yaml'));
const category = await loadMvtecCategory(config.data.path);
console.log(
  `category '${category.category}': ${category.train.length} training images, ${category.test.length} test images`,
);

// 1. Train: features of every nominal patch, coreset, memory bank.
const model = new PatchCore();
await model.load(patchCoreLoadOptions(config));
const started = performance.now();
const fit = await model.fit(category.train);
const fitSeconds = (performance.now() - started) / 1000;
console.log(
  `fit: ${fit.featureCount} patches -> memory bank of ${fit.memoryBankSize} rows in ${fitSeconds.toFixed(1)} s`,
);

// 2. Score the test split and compute the metrics on raw scores.
const report = await evaluateModel(model, category.test);
console.log(`image AUROC: ${report.imageAuroc?.toFixed(4)}`);
console.log(`pixel AUROC: ${report.pixelAuroc?.toFixed(4)}`);

// 3. Heat maps over the original images, one colour scale for the whole test set.
await mkdir(outDir, { recursive: true });
await model.save(join(outDir, 'model'));
const range = computeDisplayRange(report.predictions.map((p) => p.anomalyMap));
for (const [i, prediction] of report.predictions.entries()) {
  const sample = category.test[i];
  const png = await renderOverlayPng({
    imagePath: prediction.path,
    anomalyMap: anomalyMapAtOriginalSize(prediction, Number.NaN),
    range,
    ...(sample.maskPath === undefined ? {} : { maskPath: sample.maskPath }),
  });
  await writeFile(join(outDir, `${sample.defectType}_${i}.png`), png);
}
console.log(`heat maps: ${report.predictions.length} overlays in ${outDir}`);
console.log(`model: ${join(outDir, 'model')}`);
await model.dispose();
