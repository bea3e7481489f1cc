// Sampler benchmark: each (sampler, N) case runs in its own child process so that the peak
// resident memory it reports belongs to that case alone. Run from packages/samplers:
//
//   npx tsx --conditions=@patchcore/source bench/samplers.bench.ts [--sizes 20000,50000,164000]
//     [--samplers random,greedy_coreset,approx_greedy_coreset] [--repeats 1] [--dims 1024]
//
// Prints one JSON line per case, then a Markdown table.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { SamplerName } from '@patchcore/core';
import { benchmarkSamplers } from '../src/benchmark-samplers.js';
import type { SamplerBenchmarkResult } from '../src/benchmark-samplers.js';

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const sizes = option('sizes', '20000,50000,164000').split(',').map(Number);
const samplers = option('samplers', 'random,greedy_coreset,approx_greedy_coreset').split(
  ',',
) as SamplerName[];
const repeats = Number(option('repeats', '1'));
const dims = Number(option('dims', '1024'));

if (process.argv.includes('--child')) {
  const [result] = await benchmarkSamplers({ sizes, samplers, repeats, dims });
  process.stdout.write(`${JSON.stringify({ ...result, load: loadavg()[0] })}\n`);
} else {
  const results: (SamplerBenchmarkResult & { load: number })[] = [];
  for (const rows of sizes) {
    for (const name of samplers) {
      const args = [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        '--child',
        '--sizes',
        String(rows),
        '--samplers',
        name,
        '--repeats',
        String(repeats),
        '--dims',
        String(dims),
      ];
      const output = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
      const line = output.trim().split('\n').pop() ?? '{}';
      print(line);
      results.push(JSON.parse(line) as SamplerBenchmarkResult & { load: number });
    }
  }
  const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
  print(`\n${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}\n`);
  print(
    '| sampler | N × D | median s | min–max s | CPU s (all threads) | peak RSS MiB | input MiB | coverage radius | load avg |',
  );
  print('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    print(
      `| ${r.name} | ${r.rows} × ${r.dims} | ${(r.medianMs / 1000).toFixed(2)} | ` +
        `${(r.minMs / 1000).toFixed(2)}–${(r.maxMs / 1000).toFixed(2)} | ${(r.cpuMs / 1000).toFixed(1)} | ` +
        `${mib(r.peakRssBytes)} | ${mib(r.inputBytes)} | ${r.coverageRadius.toFixed(3)} | ${r.load.toFixed(1)} |`,
    );
  }
}
