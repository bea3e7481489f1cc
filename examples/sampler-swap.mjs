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
import { describeError, exitCodeFor, loadConfigFile, patchCoreLoadOptions } from '@patchcore/cli';
import { loadMvtecCategory } from '@patchcore/datasets';
import { PatchCore, evaluateModel } from '@patchcore/patchcore';

const here = fileURLToPath(new URL('.', import.meta.url));
const order = ['identity', 'random', 'greedy_coreset', 'approx_greedy_coreset'];

async function fitAndEvaluate(category, configFile) {
  const config = await loadConfigFile(configFile);
  const model = new PatchCore();
  try {
    await model.load(patchCoreLoadOptions(config));
    const started = performance.now();
    const fit = await model.fit(category.train);
    const fitSeconds = (performance.now() - started) / 1000;
    const report = await evaluateModel(model, category.test);
    return {
      sampler: config.sampler.name,
      bank: fit.memoryBankSize,
      fit: fitSeconds,
      auroc: report.imageAuroc,
    };
  } finally {
    await model.dispose();
  }
}

async function main() {
  const folder = resolve(process.argv[2] ?? join(here, 'sample-data/grass'));
  const category = await loadMvtecCategory(folder);
  const files = (await readdir(join(here, 'configs/samplers'))).filter((f) => f.endsWith('.yaml'));
  files.sort(
    (a, b) => order.indexOf(a.replace('.yaml', '')) - order.indexOf(b.replace('.yaml', '')),
  );
  console.log(
    `category '${category.category}': ${category.train.length} training, ${category.test.length} test images`,
  );
  const rows = [];
  for (const file of files) {
    rows.push(await fitAndEvaluate(category, join(here, 'configs/samplers', file)));
    console.error(`done: ${rows.at(-1).sampler}`);
  }
  console.log(`| sampler               | memory bank | fit time (s) | image AUROC |`);
  console.log(`| --------------------- | ----------: | -----------: | ----------: |`);
  for (const r of rows) {
    console.log(
      `| ${r.sampler.padEnd(21)} | ${String(r.bank).padStart(11)} | ${r.fit.toFixed(1).padStart(12)} | ${(r.auroc === null ? 'n/a' : r.auroc.toFixed(4)).padStart(11)} |`,
    );
  }
}

// Errors as the CLI reports them: one line, and its exit code (3 for a missing folder).
try {
  await main();
} catch (error) {
  console.error(`sampler-swap: error: ${describeError(error)}`);
  process.exitCode = exitCodeFor(error);
}
