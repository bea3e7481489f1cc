import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidConfigError, InvalidFileError } from '@patchcore/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYERS } from '../src/config/config-schema.js';
import { loadConfigFile, resolveConfig } from '../src/config/load-config.js';

function configError(input: unknown): InvalidConfigError {
  try {
    resolveConfig(input, 'test.yaml');
  } catch (error) {
    if (error instanceof InvalidConfigError) return error;
    throw error;
  }
  throw new Error('expected an InvalidConfigError');
}

describe('resolveConfig', () => {
  it('fills every default when the config is empty', () => {
    const config = resolveConfig({});
    expect(config.sampler).toEqual({
      name: 'approx_greedy_coreset',
      percentage: 0.1,
      seed: 0,
      dimensionToProjectFeaturesTo: 128,
      numberOfStartingPoints: 10,
      device: 'auto',
    });
    expect(config.layersToExtractFrom).toEqual(DEFAULT_LAYERS);
    expect(config.inputShape).toEqual([3, 224, 224]);
    expect(config.anomalyScoreNumNn).toBe(1);
    expect(config.patchsize).toBe(3);
    expect(config.memoryBank).toEqual({ index: 'Flat', threads: 1, searchParameters: {} });
    expect(config.imageScore).toBe('max');
    expect(Object.isFrozen(config.sampler)).toBe(true);
  });

  it.each([
    ['identity', {}],
    ['random', { percentage: 0.2, seed: 3 }],
    ['greedy_coreset', { percentage: 0.05 }],
    ['approx_greedy_coreset', { numberOfStartingPoints: 4 }],
  ])('accepts the %s sampler with its own keys', (name, extra) => {
    const config = resolveConfig({ sampler: { name, ...extra } });
    expect(config.sampler.name).toBe(name);
  });

  it('names an unknown key and its path when a key is misspelt', () => {
    const error = configError({ sampler: { name: 'random', percentag: 0.1 } });
    expect(error.key).toBe('sampler.percentag');
    expect(error.message).toContain("unknown key 'sampler.percentag'");
    expect(error.message).toMatch(/^test\.yaml: /);
  });

  it('names the key, expected type and value when a type is wrong', () => {
    const error = configError({ anomalyScoreNumNn: '3' });
    expect(error.key).toBe('anomalyScoreNumNn');
    expect(error.message).toContain("'anomalyScoreNumNn'");
    expect(error.message).toContain('expected number, got string "3"');
    expect(error.message).toContain('got string "3"');
  });

  it('lists the allowed names when the sampler name is unknown', () => {
    const error = configError({ sampler: { name: 'kcenter' } });
    expect(error.key).toBe('sampler.name');
    expect(error.message).toContain('"approx_greedy_coreset"');
    expect(error.message).toContain('got string "kcenter"');
  });

  it('lists exactly the four sampler names when the sampler name is unknown', () => {
    const error = configError({ sampler: { name: 'kcenter' } });
    expect(error.message).toBe(
      `test.yaml: 'sampler.name' must be one of "identity", "random", "greedy_coreset", ` +
        `"approx_greedy_coreset", got string "kcenter"`,
    );
  });

  it('defaults the name to approx_greedy_coreset when a sampler section omits it', () => {
    const config = resolveConfig({ sampler: { percentage: 0.2 } });
    expect(config.sampler).toEqual({
      name: 'approx_greedy_coreset',
      percentage: 0.2,
      seed: 0,
      dimensionToProjectFeaturesTo: 128,
      numberOfStartingPoints: 10,
      device: 'auto',
    });
  });

  it('names the misspelt key when a sampler section without name has one', () => {
    const error = configError({ sampler: { percentag: 0.1 } });
    expect(error.key).toBe('sampler.percentag');
    expect(error.message).toBe(
      "test.yaml: unknown key 'sampler.percentag' (not in the config schema)",
    );
  });

  it('names the key and value when a sampler section without name has a wrong type', () => {
    const error = configError({ sampler: { percentage: 'ten' } });
    expect(error.key).toBe('sampler.percentage');
    expect(error.message).toBe(
      `test.yaml: 'sampler.percentage': expected number, got string "ten"`,
    );
  });

  it.each([0, 1, -0.5, 1.5])('rejects percentage %s outside (0, 1)', (percentage) => {
    const error = configError({ sampler: { name: 'random', percentage } });
    expect(error.key).toBe('sampler.percentage');
  });

  it('rejects a key that belongs to another sampler', () => {
    const error = configError({ sampler: { name: 'identity', percentage: 0.1 } });
    expect(error.message).toContain("unknown key 'sampler.percentage'");
  });

  it('fills the reweighting neighbours when imageScore asks for reweighting', () => {
    expect(resolveConfig({ imageScore: { reweighting: {} } }).imageScore).toEqual({
      reweighting: { neighbors: 9 },
    });
  });

  it('says which forms are allowed when imageScore is neither', () => {
    const error = configError({ imageScore: 'mean' });
    expect(error.message).toContain(
      "'imageScore': expected 'max' or { reweighting: { neighbors: <integer> } }, got string \"mean\"",
    );
  });

  it('lists the allowed values when an enum value is unknown', () => {
    const error = configError({ data: { layout: 'csv' } });
    expect(error.message).toContain(
      `'data.layout': expected one of "mvtec"|"folder"|"manifest", got string "csv"`,
    );
  });

  it('reports every problem in one message when several keys are wrong', () => {
    const error = configError({ patchsize: 'x', bogus: 1 });
    expect(error.message).toContain('patchsize');
    expect(error.message).toContain('bogus');
  });
});

describe('loadConfigFile', () => {
  async function write(name: string, text: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'patchcore-config-'));
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }

  it('reads YAML and resolves relative paths against the file when it is YAML', async () => {
    const path = await write(
      'c.yaml',
      'data:\n  path: ../data/widget\nsampler:\n  name: random\n  percentage: 0.25\n',
    );
    const config = await loadConfigFile(path);
    expect(config.data.path).toBe(join(path, '../../data/widget'));
    expect(config.output.modelDir).toBe(join(path, '../patchcore-model'));
    expect(config.sampler).toEqual({ name: 'random', percentage: 0.25, seed: 0 });
  });

  it('reads JSON when the file ends in .json', async () => {
    const path = await write('c.json', JSON.stringify({ anomalyScoreNumNn: 3 }));
    expect((await loadConfigFile(path)).anomalyScoreNumNn).toBe(3);
  });

  it('throws InvalidConfigError naming the file when it does not parse', async () => {
    const path = await write('c.json', '{ "a": ');
    await expect(loadConfigFile(path)).rejects.toThrow(InvalidConfigError);
    await expect(loadConfigFile(path)).rejects.toThrow(
      `${path}: not valid JSON at line 1, column 8: Unexpected end of JSON input`,
    );
  });

  it('names the line and column when a JSON file has a trailing comma', async () => {
    const path = await write('c.json', '{\n  "patchsize": 3,\n}\n');
    await expect(loadConfigFile(path)).rejects.toThrow(
      `${path}: not valid JSON at line 3, column 1: Expected double-quoted property name in JSON`,
    );
  });

  it('names the line and column when a YAML file is malformed', async () => {
    const path = await write('c.yaml', 'sampler:\n  percentage: [0.1\npatchsize: 3\n');
    const failure = loadConfigFile(path);
    await expect(failure).rejects.toThrow(InvalidConfigError);
    await expect(failure).rejects.toThrow(
      new RegExp(`^${path}: not valid YAML at line \\d+, column \\d+: \\S`),
    );
  });

  it('throws InvalidFileError when the file is missing', async () => {
    await expect(loadConfigFile('/nonexistent/c.yaml')).rejects.toThrow(InvalidFileError);
  });

  it('keeps a backbone name and resolves a backbone file path', async () => {
    const named = await write('a.yaml', 'backbone: mobilenetv2\n');
    expect((await loadConfigFile(named)).backbone).toBe('mobilenetv2');
    const file = await write('b.yaml', 'backbone: ./weights/net.onnx\n');
    expect((await loadConfigFile(file)).backbone).toBe(join(file, '../weights/net.onnx'));
  });
});
