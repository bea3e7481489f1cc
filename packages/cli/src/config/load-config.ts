import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InvalidConfigError, InvalidFileError, fileErrorReason } from '@patchcore/core';
import { formatConfigIssue } from './format-config-issue.js';
import { parseConfigText } from './parse-config-text.js';
import { patchcoreConfigSchema } from './config-schema.js';
import type { ResolvedPatchcoreConfig } from './config-schema.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validates a config object and fills in every default.
 *
 * @param input - the parsed config (from JSON, YAML or code).
 * @param source - where it came from, for messages (a file path or `'options'`).
 * @returns the resolved config, deeply frozen.
 * @throws {@link InvalidConfigError} naming the first offending key, the expected type and the
 *   value found; the message lists every problem.
 */
export function resolveConfig(input: unknown, source = 'config'): ResolvedPatchcoreConfig {
  const result = patchcoreConfigSchema.safeParse(input ?? {});
  if (result.success) return deepFreeze(result.data);
  const problems = result.error.issues.map((issue) => formatConfigIssue(issue, input));
  const first = problems[0] ?? { key: '(root)', message: 'invalid config' };
  const rest =
    problems.length > 1
      ? `; ${problems
          .slice(1)
          .map((p) => p.message)
          .join('; ')}`
      : '';
  return fail(first.key, `${source}: ${first.message}${rest}`, result.error);
}

function fail(key: string, message: string, cause: unknown): never {
  throw new InvalidConfigError(key, message, { cause });
}

/** Resolves a path in a config file against the file's folder (absolute paths stay). */
function againstFolder(folder: string, path: string): string {
  return isAbsolute(path) ? path : resolve(folder, path);
}

function looksLikeFilePath(backbone: string): boolean {
  return backbone.includes('/') || backbone.includes('\\') || backbone.endsWith('.onnx');
}

/**
 * Reads a JSON (`.json`) or YAML (any other extension) config file and resolves it. Relative
 * paths inside it (`data.path`, `output.modelDir`, a backbone file) are taken relative to the
 * file's folder.
 *
 * @param path - the config file.
 * @returns the resolved config with absolute paths, deeply frozen.
 * @throws {@link InvalidFileError} when the file is missing or unreadable.
 * @throws {@link InvalidConfigError} when the file is not valid JSON or YAML (naming the line
 *   and column), or a key is unknown or a value has the wrong type.
 */
export async function loadConfigFile(path: string): Promise<ResolvedPatchcoreConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = fileErrorReason(
      error,
      { ENOENT: 'no such config file', EISDIR: 'is a folder, not a config file' },
      'cannot read the config file',
    );
    throw new InvalidFileError(path, reason, { cause: error });
  }
  const raw = parseConfigText(path, text) ?? {};
  const config = resolveConfig(raw, path);
  const folder = dirname(resolve(path));
  return deepFreeze({
    ...config,
    data: {
      ...config.data,
      ...(config.data.path === undefined ? {} : { path: againstFolder(folder, config.data.path) }),
    },
    backbone: looksLikeFilePath(config.backbone)
      ? againstFolder(folder, config.backbone)
      : config.backbone,
    output: { modelDir: againstFolder(folder, config.output.modelDir) },
  });
}
