import { stringify as toYaml } from 'yaml';
import { loadConfigFile, resolveConfig } from '../config/load-config.js';
import type { ResolvedPatchcoreConfig } from '../config/config-schema.js';
import type { CommandContext } from './command-context.js';
import { printResult } from './command-context.js';

/**
 * `patchcore config`: prints the resolved config (every default filled in) as YAML, or JSON
 * with `--json`; with `--config` it validates that file first.
 *
 * @param options - an optional config file.
 * @param context - streams and flags.
 * @returns the resolved config.
 */
export async function runConfigCommand(
  options: { config?: string },
  context: CommandContext,
): Promise<ResolvedPatchcoreConfig> {
  const config =
    options.config === undefined ? resolveConfig({}) : await loadConfigFile(options.config);
  printResult(context, config, toYaml(config));
  return config;
}
