import { copyFile, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/exit-codes.js';
import { runCli } from '../src/program.js';
import { captureIo } from './helpers/capture-io.js';
import { createFakePipeline } from './helpers/fake-pipeline.js';
import { createSyntheticCategory } from './helpers/synthetic-category.js';

async function run(argv: string[]) {
  const io = captureIo();
  const code = await runCli(argv, { io, pipeline: () => Promise.resolve(createFakePipeline()) });
  return { code, out: io.out(), err: io.err() };
}

describe('patchcore CLI', () => {
  let category = '';
  let modelDir = '';

  beforeAll(async () => {
    category = await createSyntheticCategory();
    modelDir = join(category, '../model');
  });

  it('prints help and exits 0 when asked for --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(EXIT_CODES.OK);
    expect(out).toContain('fit');
    expect(out).toContain('Exit codes:');
  });

  it.each(['fit', 'predict', 'evaluate', 'bench', 'config'])('has --help on %s', async (name) => {
    const { code, out } = await run([name, '--help']);
    expect(code).toBe(EXIT_CODES.OK);
    expect(out).toContain(`Usage: patchcore ${name}`);
  });

  it('exits 2 when an option is unknown', async () => {
    const { code, err } = await run(['fit', '--bogus']);
    expect(code).toBe(EXIT_CODES.USAGE);
    expect(err).toBe("patchcore: error: unknown option '--bogus' (see --help)\n");
    const typo = await run(['fit', '--dat', 'x']);
    expect(typo.err).toBe(
      "patchcore: error: unknown option '--dat' (Did you mean --data?) (see --help)\n",
    );
  });

  it('exits 2 with one line naming the key when the config is invalid', async () => {
    const path = join(category, '../bad.yaml');
    await writeFile(path, 'sampler:\n  name: approx_greedy_coreset\n  percentage: "ten"\n');
    const { code, err } = await run(['fit', '--config', path]);
    expect(code).toBe(EXIT_CODES.USAGE);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('\'sampler.percentage\': expected number, got string "ten"');
    expect(err).not.toContain('    at ');
  });

  it('exits 2 with one line naming the file and line when the JSON config has a trailing comma', async () => {
    const path = join(category, '../trailing-comma.json');
    await writeFile(path, '{\n  "patchsize": 3,\n}\n');
    const { code, err } = await run(['fit', '--config', path]);
    expect(code).toBe(EXIT_CODES.USAGE);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(`${path}: not valid JSON at line 3, column 1`);
  });

  it('prints the stack when --verbose is set and the command fails', async () => {
    const { code, err } = await run(['--verbose', 'predict', '-m', modelDir, '/no/such.png']);
    expect(code).toBe(EXIT_CODES.INPUT);
    expect(err).toContain('/no/such.png: no such file or folder');
    expect(err).toContain('    at ');
  });

  it('prints the stack when --debug is set and the command fails', async () => {
    const { err } = await run(['--debug', 'predict', '-m', modelDir, '/no/such.png']);
    expect(err).toContain('    at ');
  });

  it('exits 2 when fit has no training data', async () => {
    const { code, err } = await run(['fit']);
    expect(code).toBe(EXIT_CODES.USAGE);
    expect(err).toContain('no training data');
  });

  it('trains, saves the resolved config and reports JSON when fit runs with --json', async () => {
    const config = join(category, '../fit.yaml');
    await writeFile(config, 'data:\n  path: widget\nsampler:\n  name: random\n  percentage: 0.5\n');
    const { code, out } = await run(['--json', 'fit', '-c', config, '-o', modelDir]);
    expect(code).toBe(EXIT_CODES.OK);
    const result = JSON.parse(out) as { trainImages: number; category: string; modelDir: string };
    expect(result).toMatchObject({ trainImages: 4, category: 'widget', modelDir });
    const saved = JSON.parse(await readFile(join(modelDir, 'config.resolved.json'), 'utf8')) as {
      sampler: unknown;
      data: { path: string };
    };
    expect(saved.sampler).toEqual({ name: 'random', percentage: 0.5, seed: 0 });
    expect(saved.data.path).toBe(category);
  });

  it('says "1 training image" and rounds fitSeconds to milliseconds when fit has one image', async () => {
    const single = await createSyntheticCategory();
    for (const name of ['001.png', '002.png', '003.png'])
      await rm(join(single, 'train/good', name));
    const text = await run(['fit', '-d', single, '-o', join(single, '../model')]);
    expect(text.code).toBe(EXIT_CODES.OK);
    expect(text.out).toContain('  1 training image, memory bank');
    expect(text.err).toContain('fit: 1 training image of');
    const json = await run(['--json', 'fit', '-d', single, '-o', join(single, '../model')]);
    const { fitSeconds } = JSON.parse(json.out) as { fitSeconds: number };
    expect(String(fitSeconds)).toMatch(/^\d+(\.\d{1,3})?$/);
  });

  it('scores images, labels them and writes overlays when predict has a threshold', async () => {
    const out = join(category, '../pred');
    const result = await run([
      '--json',
      'predict',
      '-m',
      modelDir,
      '-t',
      '1000',
      '-o',
      out,
      join(category, 'test/spot'),
    ]);
    expect(result.code).toBe(EXIT_CODES.OK);
    const images = JSON.parse(result.out) as { label: number; overlay: string }[];
    expect(images).toHaveLength(3);
    expect(images.every((i) => i.label === 1)).toBe(true);
    expect((await readdir(out)).sort()).toEqual(['spot_000.png', 'spot_001.png', 'spot_002.png']);
  });

  it('scores an image named twice (its folder and itself) once', async () => {
    const folder = join(category, 'test/spot');
    const args = ['--json', 'predict', '-m', modelDir, '--no-overlays', folder];
    const { code, out } = await run([...args, join(folder, '000.png')]);
    expect(code).toBe(EXIT_CODES.OK);
    expect((JSON.parse(out) as unknown[]).length).toBe(3);
  });

  it('exits 10 when --fail-on-anomaly is set and an image is anomalous', async () => {
    const args = ['predict', '-m', modelDir, '-t', '1000', '--no-overlays', '--fail-on-anomaly'];
    expect((await run([...args, join(category, 'test/spot')])).code).toBe(EXIT_CODES.ANOMALY_FOUND);
    expect((await run([...args, join(category, 'test/good')])).code).toBe(EXIT_CODES.OK);
  });

  it('exits 2 when --fail-on-anomaly is given without a threshold', async () => {
    const args = ['predict', '-m', modelDir, '--no-overlays', '--fail-on-anomaly'];
    const { code, err } = await run([...args, join(category, 'test/spot')]);
    expect(code).toBe(EXIT_CODES.USAGE);
    expect(err).toContain('--fail-on-anomaly needs --threshold');
  });

  it('scores the readable images, reports the unreadable one in place and exits 3', async () => {
    const folder = join(category, '../mixed');
    await mkdir(folder, { recursive: true });
    const good = join(category, 'test/good');
    for (const name of (await readdir(good)).slice(0, 2)) {
      await copyFile(join(good, name), join(folder, `a-${name}`));
    }
    const png = await readFile(join(folder, (await readdir(folder))[0]!));
    await writeFile(join(folder, 'b-truncated.png'), png.subarray(0, 60));
    const out = join(category, '../mixed-out');
    const { code, out: text } = await run(['--json', 'predict', '-m', modelDir, '-o', out, folder]);
    expect(code).toBe(EXIT_CODES.INPUT);
    const results = JSON.parse(text) as { path: string; imageScore?: number; error?: string }[];
    expect(results.map((r) => r.path.split('/').pop())).toEqual([
      'a-000.png',
      'a-001.png',
      'b-truncated.png',
    ]);
    expect(results.slice(0, 2).every((r) => typeof r.imageScore === 'number')).toBe(true);
    expect(results[2]?.error).toContain('b-truncated.png: cannot decode the image');
    expect((await readdir(out)).sort()).toEqual(['mixed_a-000.png', 'mixed_a-001.png']);
  });

  it('refuses an output folder that holds input images, before touching any file', async () => {
    const folder = join(category, '../own-out');
    await mkdir(folder, { recursive: true });
    const good = join(category, 'test/good');
    const [first] = await readdir(good);
    await copyFile(join(good, first!), join(folder, 'own-out_000.png'));
    await copyFile(join(good, first!), join(folder, '000.png'));
    const before = await readFile(join(folder, 'own-out_000.png'));
    const { code, err } = await run(['predict', '-m', modelDir, '-o', folder, folder]);
    expect(code).toBe(EXIT_CODES.USAGE);
    expect(err).toContain(`--out ${folder} holds input images`);
    expect(await readFile(join(folder, 'own-out_000.png'))).toEqual(before);
  });

  it('exits 3 naming the path when --out is a file', async () => {
    const file = join(category, '../a-file');
    await writeFile(file, 'not a folder');
    const { code, err } = await run([
      'predict',
      '-m',
      modelDir,
      '-o',
      file,
      join(category, 'test/good'),
    ]);
    expect(code).toBe(EXIT_CODES.INPUT);
    expect(err).toContain(`${file}: is a file, not a folder; give --out a folder path`);
  });

  it('checks fit and evaluate output folders before any work, naming the path', async () => {
    const file = join(category, '../not-a-folder');
    await writeFile(file, 'a file');
    const fit = await run(['fit', '-d', category, '-o', join(file, 'model')]);
    expect(fit.code).toBe(EXIT_CODES.INPUT);
    expect(fit.err).toBe(
      `patchcore: error: ${file}: is a file, not a folder; give --out (output.modelDir) a folder path\n`,
    );
    const evaluate = await run(['evaluate', '-m', modelDir, '-d', category, '-o', file]);
    expect(evaluate.code).toBe(EXIT_CODES.INPUT);
    expect(evaluate.err).toContain(`${file}: is a file, not a folder; give --out a folder path`);
  });

  it('refuses an output folder reached through a symbolic link to the input folder', async () => {
    const folder = join(category, '../linked-in');
    await mkdir(folder, { recursive: true });
    const [first] = await readdir(join(category, 'test/good'));
    await copyFile(join(category, 'test/good', first!), join(folder, 'linked-in_000.png'));
    await copyFile(join(category, 'test/good', first!), join(folder, '000.png'));
    const link = join(category, '../linked-out');
    await symlink(folder, link);
    const before = await readFile(join(folder, 'linked-in_000.png'));
    const { code, err } = await run(['predict', '-m', modelDir, '-o', link, folder]);
    expect(code).toBe(EXIT_CODES.USAGE);
    expect(err).toContain('holds input images');
    expect(await readFile(join(folder, 'linked-in_000.png'))).toEqual(before);
  });

  it('refuses evaluate and fit output inside the data folder', async () => {
    const evaluate = await run([
      'evaluate',
      '-m',
      modelDir,
      '-d',
      category,
      '-o',
      join(category, 'test'),
    ]);
    expect(evaluate.code).toBe(EXIT_CODES.USAGE);
    expect(evaluate.err).toContain(`is inside the data folder ${category}`);
    const fit = await run(['fit', '-d', category, '-o', join(category, 'train/good')]);
    expect(fit.code).toBe(EXIT_CODES.USAGE);
    expect(fit.err).toContain(`is inside the training data ${category}`);
    const dotted = await run(['fit', '-d', category, '-o', join(category, '..model')]);
    expect(dotted.code).toBe(EXIT_CODES.USAGE);
    expect(dotted.err).toContain('is inside the training data');
  });

  it('refuses to save a model over a folder of other files, and replaces a previous model', async () => {
    const folder = join(category, '../precious');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'notes.txt'), 'mine');
    const refused = await run(['fit', '-d', category, '-o', folder]);
    expect(refused.code).toBe(EXIT_CODES.USAGE);
    expect(refused.err).toContain(
      `${folder} already holds entries that are not a model (e.g. notes.txt)`,
    );
    expect(await readFile(join(folder, 'notes.txt'), 'utf8')).toBe('mine');
    expect((await run(['fit', '-d', category, '-o', modelDir])).code).toBe(EXIT_CODES.OK);
    const kept = join(category, '../only-gitkeep');
    await mkdir(kept, { recursive: true });
    await writeFile(join(kept, '.gitkeep'), '');
    expect((await run(['fit', '-d', category, '-o', kept])).code).toBe(EXIT_CODES.OK);
  });

  it('writes report.html, metrics.json and overlays when evaluate runs', async () => {
    const out = join(category, '../report');
    const { code, out: text } = await run(['evaluate', '-m', modelDir, '-d', category, '-o', out]);
    expect(code).toBe(EXIT_CODES.OK);
    expect(text).toContain('image AUROC');
    expect(text).toContain(join(out, 'report.html'));
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('PatchCore report: widget');
    expect((await readdir(join(out, 'overlays'))).length).toBe(6);
    const metrics = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8')) as {
      metrics: { imageAuroc: number };
    };
    expect(metrics.metrics.imageAuroc).toBe(1);
  });

  it('prints the resolved defaults as YAML when config runs without a file', async () => {
    const { code, out } = await run(['config']);
    expect(code).toBe(EXIT_CODES.OK);
    expect(out).toContain('name: approx_greedy_coreset');
  });

  it('delegates to the benchmark harness when bench runs', async () => {
    const { code, out } = await run(['bench', '--out', '/tmp/b']);
    expect(code).toBe(EXIT_CODES.OK);
    expect(out).toContain('ran quick');
  });
});

describe('patchcore CLI on a terminal', () => {
  it('stops the progress bars when a command fails mid-way', async () => {
    let err = '';
    const io = {
      stdout: { write: () => true, isTTY: true },
      stderr: { write: (text: string) => (err += text), isTTY: true, columns: 100 },
    };
    const failing = createFakePipeline();
    failing.createModel = async (config, logger) => {
      const model = await createFakePipeline().createModel(config, logger);
      model.fit = (_samples, onProgress) => {
        onProgress({ stage: 'extract', done: 1, total: 4, elapsedMs: 5 });
        return Promise.reject(new Error('backbone exploded'));
      };
      return model;
    };
    const category = await createSyntheticCategory();
    const code = await runCli(['fit', '-d', category, '-o', join(category, '../m')], {
      io,
      pipeline: () => Promise.resolve(failing),
    });
    expect(code).toBe(EXIT_CODES.FAILURE);
    expect(err).toContain('patchcore: error: backbone exploded');
    const length = err.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(err.length).toBe(length);
  });
});
