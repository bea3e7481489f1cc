// Trains on one MVTec AD category folder, evaluates it and writes the HTML report, with the
// CLI's own code (the same as `patchcore fit` then `patchcore evaluate`).
//
//   node examples/train-mvtec-category.mjs <category folder> [output folder] [config file]
//   node examples/train-mvtec-category.mjs ../shared/data/bottle
//
// The folder holds train/good/, test/<type>/ and ground_truth/<type>/<name>_mask.png.
import { basename, join, resolve } from 'node:path';
import { createDefaultPipeline, processIo, runCli } from '@patchcore/cli';

const [folder, out, config] = process.argv.slice(2);
if (folder === undefined) {
  console.error(
    'usage: node examples/train-mvtec-category.mjs <category folder> [output folder] [config file]',
  );
  process.exit(2);
}
const outDir = resolve(out ?? join('runs', basename(resolve(folder))));
const options = { io: processIo(), pipeline: async () => createDefaultPipeline() };

const fitArgs = ['fit', '--data', folder, '--out', join(outDir, 'model')];
if (config !== undefined) fitArgs.push('--config', config);
let code = await runCli(fitArgs, options);
if (code === 0) {
  code = await runCli(
    [
      'evaluate',
      '--model',
      join(outDir, 'model'),
      '--data',
      folder,
      '--out',
      join(outDir, 'report'),
    ],
    options,
  );
}
process.exitCode = code;
