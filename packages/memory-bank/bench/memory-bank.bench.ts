// Memory-bank benchmark: 784 queries (one 224 image) against 16,385 x 1024 rows (bottle's bank at
// 10%), exact and approximate, typed and plain-array boundary. Not a test: run it on a quiet
// machine.
//   npx tsx bench/memory-bank.bench.ts [--rows 16385] [--dims 1024] [--queries 784]
//     [--repeats 5] [--threads 1] [--only Flat,HNSW32] [--json out.json]
// --only keeps the default variants whose index string starts with one of the given names.
/* eslint-disable no-console -- a command-line script: printing is its job */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_BENCHMARK_VARIANTS, benchmarkMemoryBank } from '../src/benchmark-memory-bank.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '16385' },
    dims: { type: 'string', default: '1024' },
    queries: { type: 'string', default: '784' },
    repeats: { type: 'string', default: '5' },
    threads: { type: 'string', default: '1' },
    only: { type: 'string' },
    json: { type: 'string' },
  },
});

const logger = {
  debug: () => undefined,
  info: (message: string | (() => string)) =>
    console.log(typeof message === 'function' ? message() : message),
  warn: (message: string | (() => string)) =>
    console.warn(typeof message === 'function' ? message() : message),
  error: (message: string | (() => string)) =>
    console.error(typeof message === 'function' ? message() : message),
};

const records = await benchmarkMemoryBank({
  bankRows: Number(values.rows),
  dims: Number(values.dims),
  queries: Number(values.queries),
  repeats: Number(values.repeats),
  threads: Number(values.threads),
  variants: DEFAULT_BENCHMARK_VARIANTS.filter(
    (variant) =>
      values.only === undefined ||
      values.only.split(',').some((name) => variant.index.startsWith(name.trim())),
  ),
  logger,
});
if (values.json !== undefined) {
  await writeFile(values.json, JSON.stringify(records, null, 2) + '\n');
}
