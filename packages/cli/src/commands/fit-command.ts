import { mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic } from '@patchcore/core';
import { MANIFEST_FILE } from '@patchcore/patchcore';
import type { ResolvedPatchcoreConfig } from '../config/config-schema.js';
import { loadConfigFile, resolveConfig } from '../config/load-config.js';
import { UsageError } from '../exit-codes.js';
import { countNoun } from '../output/count-noun.js';
import { formatElapsed } from '../output/progress-bars.js';
import {
  checkModelFolderReusable,
  checkOutputFolder,
  checkOutputOutside,
} from './output-folder.js';
import type { CommandContext } from './command-context.js';
import { printResult } from './command-context.js';

/** File name of the resolved config saved in the model folder. */
export const RESOLVED_CONFIG_FILE = 'config.resolved.json';

/** Options of the `fit` command. */
export interface FitCommandOptions {
  /** Config file (JSON or YAML); absent: every default. */
  readonly config?: string;
  /** Overrides `data.path`. */
  readonly data?: string;
  /** Overrides `output.modelDir`. */
  readonly out?: string;
}

/** What `fit` reports. */
export interface FitResult {
  /** Where the model was saved. */
  readonly modelDir: string;
  /** Category name. */
  readonly category: string;
  /** Training images used. */
  readonly trainImages: number;
  /** Rows in the memory bank. */
  readonly memoryBankSize: number;
  /** Wall-clock seconds of `fit` (extraction, sampling, indexing), to the millisecond. */
  readonly fitSeconds: number;
  /** The sampler used. */
  readonly sampler: ResolvedPatchcoreConfig['sampler'];
}

async function readConfig(options: FitCommandOptions): Promise<ResolvedPatchcoreConfig> {
  const config =
    options.config === undefined ? resolveConfig({}) : await loadConfigFile(options.config);
  return {
    ...config,
    data: {
      ...config.data,
      ...(options.data === undefined ? {} : { path: resolve(options.data) }),
    },
    output: {
      modelDir: options.out === undefined ? resolve(config.output.modelDir) : resolve(options.out),
    },
  };
}

/**
 * `patchcore fit`: trains a model as the config says and saves it, with the resolved config
 * beside it (`config.resolved.json` in the model folder).
 *
 * @param options - config file and overrides.
 * @param context - streams, logger, progress, pipeline.
 * @returns what was trained.
 * @throws UsageError when no training data is given.
 */
export async function runFitCommand(
  options: FitCommandOptions,
  context: CommandContext,
): Promise<FitResult> {
  const config = await readConfig(options);
  const dataPath = config.data.path;
  if (dataPath === undefined) {
    throw new UsageError('no training data: set data.path in the config or pass --data <folder>');
  }
  const category = config.category ?? basename(dataPath);
  const modelOption = '--out (output.modelDir)';
  await checkOutputOutside(config.output.modelDir, modelOption, dataPath, 'the training data');
  // A save cut off after the bank file and before the manifest still marks a model folder.
  await checkModelFolderReusable(config.output.modelDir, modelOption, [
    MANIFEST_FILE,
    RESOLVED_CONFIG_FILE,
    'memory-bank.faiss',
    'memory-bank.bin',
  ]);
  await checkOutputFolder(config.output.modelDir, modelOption);
  const samples = await context.pipeline.loadSamples(dataPath, config.data.layout, 'train');
  context.logger.info(
    `fit: ${countNoun(samples.length, 'training image')} of '${category}' from ${dataPath}`,
  );
  const model = await context.pipeline.createModel(config, context.logger);
  try {
    const started = performance.now();
    await model.fit(samples, context.progress.onProgress);
    // Whole milliseconds: more digits are timer noise, and JSON would print them all.
    const fitSeconds = Math.round(performance.now() - started) / 1000;
    const modelDir = config.output.modelDir;
    await mkdir(modelDir, { recursive: true });
    await model.save(modelDir);
    const resolved = { ...config, category };
    await writeFileAtomic(
      join(modelDir, RESOLVED_CONFIG_FILE),
      `${JSON.stringify(resolved, null, 2)}\n`,
    );
    const result: FitResult = {
      modelDir,
      category,
      trainImages: samples.length,
      memoryBankSize: model.memoryBankSize,
      fitSeconds,
      sampler: config.sampler,
    };
    printResult(
      context,
      result,
      `model saved to ${modelDir}\n` +
        `  ${countNoun(samples.length, 'training image')}, memory bank ${model.memoryBankSize} rows ` +
        `(${config.sampler.name}), fit ${formatElapsed(fitSeconds * 1000)}\n`,
    );
    return result;
  } finally {
    await model.dispose();
  }
}
