import { CaseUnavailableError } from './benchmark-case.js';

/**
 * Imports a workspace package for a case and returns the named exports it needs, so a case
 * whose package has not landed (or changed its API) is skipped with a clear reason instead of
 * breaking the whole run.
 *
 * @param packageName - e.g. `'@patchcore/samplers'`.
 * @param names - export names that must be present.
 * @returns the module's exports.
 * @throws {@link CaseUnavailableError} when the import fails or a name is missing.
 */
export async function importExports(
  packageName: string,
  names: readonly string[],
): Promise<Record<string, unknown>> {
  let module: Record<string, unknown>;
  try {
    module = (await import(packageName)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CaseUnavailableError(`cannot import ${packageName}: ${reason}`);
  }
  const missing = names.filter((name) => module[name] === undefined);
  if (missing.length > 0) {
    throw new CaseUnavailableError(`${packageName} exports no ${missing.join(', ')}`);
  }
  return module;
}
