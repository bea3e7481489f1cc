// Swaps the four samplers by config and prints a table of memory-bank size, fit time and
// image AUROC on one MVTec-layout category (default: the embedded sample).
//
//   node examples/sampler-swap.mjs [category folder]
//
// Each sampler is one YAML file in examples/configs/samplers/; only the `sampler` section
// differs, everything else takes the defaults.
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFile, patchCoreLoadOptions } from '@patchcore/cli';
import { loadMvtecCategory } from '@patchcore/datasets';
import { PatchCore, evaluateModel } from '@patchcore/patchcore';

const here = fileURLToPath(new URL('.', import.meta.url));
const folder = resolve(process.argv[2] ?? join(here, 'sample-data/grass'));
const category = await loadMvtecCategory(folder);
const order = ['identity', 'random', 'greedy_coreset', 'approx_greedy_coreset'];
const files = (await readdir(join(here, 'configs/samplers'))).filter((f) => f.endsWith('.yaml'));
files.sort((a, b) => order.indexOf(a.replace('.yaml', '')) - order.indexOf(b.replace('.yaml', '')));

console.log(
  `category '${category.category}': ${category.train.length} training, ${category.test.length} test images`,
);
const rows = [];
for (const file of files) {
  const config = await loadConfigFile(join(here, 'configs/samplers', file));
  const model = new PatchCore();
  await model.load(patchCoreLoadOptions(config));
  const started = performance.now();
  const fit = await model.fit(category.train);
  const fitSeconds = (performance.now() - started) / 1000;
  const report = await evaluateModel(model, category.test);
  await model.dispose();
  rows.push({
    sampler: config.sampler.name,
    bank: fit.memoryBankSize,
    fit: fitSeconds,
    auroc: report.imageAuroc,
  });
  console.error(`done: ${config.sampler.name}`);
}

const header = `| sampler               | memory bank | fit time (s) | image AUROC |`;
console.log(header);
console.log(`| --------------------- | ----------: | -----------: | ----------: |`);
for (const r of rows) {
  console.log(
    `| ${r.sampler.padEnd(21)} | ${String(r.bank).padStart(11)} | ${r.fit.toFixed(1).padStart(12)} | ${(r.auroc === null ? 'n/a' : r.auroc.toFixed(4)).padStart(11)} |`,
  );
}
