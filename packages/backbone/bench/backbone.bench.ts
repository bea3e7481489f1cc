// Backbone benchmark: `extract` of a backbone (default: the embedded MobileNetV2) on 224 × 224
// inputs, milliseconds per image at each batch size. Not a test: run it on a quiet machine.
//   npx tsx bench/backbone.bench.ts [--backbone mobilenetv2] [--batch-sizes 1,8]
//     [--repeats 20] [--threads 2] [--spinning] [--json out.json]
/* eslint-disable no-console -- a command-line script: printing is its job */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { benchmarkBackbone } from '../src/benchmark-backbone.js';

const { values } = parseArgs({
  options: {
    backbone: { type: 'string', default: 'mobilenetv2' },
    'batch-sizes': { type: 'string', default: '1,8' },
    repeats: { type: 'string', default: '20' },
    threads: { type: 'string', default: '2' },
    spinning: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const render = (message: string | (() => string)) =>
  typeof message === 'function' ? message() : message;
const result = await benchmarkBackbone({
  backbone: values.backbone,
  batchSizes: values['batch-sizes'].split(',').map(Number),
  repeats: Number(values.repeats),
  intraOpThreads: Number(values.threads),
  intraOpSpinning: values.spinning,
  logger: {
    debug: () => undefined,
    info: (message) => console.log(render(message)),
    warn: (message) => console.warn(render(message)),
    error: (message) => console.error(render(message)),
  },
});
const [first, ...rest] = result.timings;
for (const timing of rest) {
  if (first === undefined) break;
  const ratio = timing.msPerImage.median / first.msPerImage.median;
  console.log(
    `batch ${timing.batchSize} / batch ${first.batchSize}: ${ratio.toFixed(2)}× per image`,
  );
}
if (values.json !== undefined) await writeFile(values.json, JSON.stringify(result, null, 2));
