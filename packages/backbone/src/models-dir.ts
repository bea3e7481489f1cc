import { fileURLToPath } from 'node:url';

/**
 * The folder known backbones are read from: env `PATCHCORE_MODELS_DIR` when set, else the
 * repository's root `models/` folder (found relative to this package's files).
 *
 * @param env - the environment to read. @defaultValue process.env
 * @returns an absolute folder path.
 */
export function defaultModelsDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['PATCHCORE_MODELS_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  // src/ and dist/ both sit directly under packages/backbone.
  return fileURLToPath(new URL('../../../models/', import.meta.url));
}
