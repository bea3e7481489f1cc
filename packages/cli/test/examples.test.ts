import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
/** Generous: three trainings share two cores with whatever else the machine runs. */
const EXAMPLE_TIMEOUT_MS = 300_000;
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const examples = join(repo, 'examples');
const sample = join(examples, 'sample-data/grass');
const needed = [
  join(repo, 'packages/cli/dist/index.js'),
  join(repo, 'packages/patchcore/dist/index.js'),
  join(repo, 'models/mobilenetv2.onnx'),
  sample,
];
const missing = needed.filter((path) => !existsSync(path));
if (missing.length > 0) {
  process.stderr.write(
    `examples.test.ts skipped: missing ${missing.join(', ')} (run \`npm run setup\`: it builds ` +
      'the packages and the default backbone; the sample category is committed)\n',
  );
}

async function node(script: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [join(examples, script), ...args], {
    cwd: repo,
    timeout: EXAMPLE_TIMEOUT_MS - 10_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

// The three scripts run at once: each spends most of its time in one thread (backbone, sampler).
describe.skipIf(missing.length > 0).concurrent('examples on the embedded sample category', () => {
  it(
    'quickstart prints both AUROCs and writes one overlay per test image',
    async () => {
      const out = await mkdtemp(join(tmpdir(), 'patchcore-quickstart-'));
      const { stdout } = await node('quickstart.mjs', [out]);
      expect(stdout).toMatch(/image AUROC: 0\.\d{4}|image AUROC: 1\.0000/);
      expect(stdout).toMatch(/pixel AUROC: [01]\.\d{4}/);
      expect(stdout).toContain(`heat maps: 13 overlays in ${out}`);
      expect((await readdir(out)).filter((f) => f.endsWith('.png'))).toHaveLength(13);
    },
    EXAMPLE_TIMEOUT_MS,
  );

  it(
    'the MVTec script trains, evaluates and writes the report when given a folder',
    async () => {
      const out = await mkdtemp(join(tmpdir(), 'patchcore-mvtec-'));
      const { stdout } = await node('train-mvtec-category.mjs', [sample, out]);
      expect(stdout).toContain(`model saved to ${join(out, 'model')}`);
      expect(stdout).toMatch(/image AUROC\s+[01]\.\d{4}/);
      const html = await readFile(join(out, 'report/report.html'), 'utf8');
      expect(html).toContain('PatchCore report: grass');
    },
    EXAMPLE_TIMEOUT_MS,
  );

  it(
    'the sampler swap prints one row per sampler with bank size, fit time and AUROC',
    async () => {
      const { stdout } = await node('sampler-swap.mjs', []);
      const rows = stdout.split('\n').filter((line) => /^\| [a-z_]+ +\| +\d/.test(line));
      expect(rows.map((r) => r.split('|')[1]!.trim())).toEqual([
        'identity',
        'random',
        'greedy_coreset',
        'approx_greedy_coreset',
      ]);
      const banks = rows.map((r) => Number(r.split('|')[2]));
      expect(banks[0]).toBe(11 * 784);
      expect(banks.slice(1)).toEqual([862, 862, 862]);
    },
    EXAMPLE_TIMEOUT_MS,
  );
});

describe.skipIf(missing.length > 0)('examples given a folder that does not exist', () => {
  it.each(['train-mvtec-category.mjs', 'sampler-swap.mjs'])(
    '%s prints one error line naming the folder and exits 3',
    async (script) => {
      const failure = await node(script, ['/nonexistent']).then(
        () => ({ code: 0, stderr: '' }),
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(failure.code).toBe(3);
      expect(failure.stderr.trim().split('\n')).toHaveLength(1);
      expect(failure.stderr).toContain('/nonexistent: no such folder');
    },
    60_000,
  );
});
