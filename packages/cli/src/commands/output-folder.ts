import { constants } from 'node:fs';
import { access, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { InvalidFileError } from '@patchcore/core';
import type { ImageSample } from '@patchcore/core';
import { UsageError } from '../exit-codes.js';

/**
 * Makes sure a command will be able to write into `dir` before it starts any long work, instead
 * of failing after minutes of extraction and scoring. Nothing is created: when `dir` does not
 * exist yet, its nearest existing ancestor must be a writable folder (the command creates the
 * rest when it writes).
 *
 * @param dir - the output folder, absolute.
 * @param option - the option or config key that named it (e.g. `--out`), for the message.
 * @throws {@link InvalidFileError} naming the path and the option.
 */
export async function checkOutputFolder(dir: string, option: string): Promise<void> {
  let existing = dir;
  let info = await stat(existing).catch(() => undefined);
  while (info === undefined && dirname(existing) !== existing) {
    existing = dirname(existing);
    info = await stat(existing).catch(() => undefined);
  }
  if (info !== undefined && !info.isDirectory()) {
    throw new InvalidFileError(existing, `is a file, not a folder; give ${option} a folder path`);
  }
  try {
    await access(existing, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const where = existing === dir ? '' : ` (needed to create ${dir})`;
    throw new InvalidFileError(
      existing,
      `cannot write to this folder${where} (${code}); give ${option} a writable folder`,
      { cause: error },
    );
  }
}

/**
 * The path with symbolic links resolved as far as it exists, so that two spellings of one
 * folder (a link, `..`, a trailing slash) compare equal even before the folder is created.
 *
 * @param path - an absolute path, existing or not.
 * @returns the canonical absolute path.
 */
export async function canonicalPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(await canonicalPath(parent), basename(path));
  }
}

/**
 * True when `inner` is `outer` or lies below it, symbolic links resolved.
 *
 * @param inner - an absolute path.
 * @param outer - an absolute path.
 */
export async function isSameOrInside(inner: string, outer: string): Promise<boolean> {
  const path = relative(await canonicalPath(outer), await canonicalPath(inner));
  // '..model' is a folder inside; only '..' itself or a path through it leads outside.
  return path === '' || (path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path));
}

/**
 * Refuses an output folder that is, or lies inside, an input folder: writing there would mix
 * results into the data (and could replace a file, or break the next run on that data).
 *
 * @param outDir - the output folder.
 * @param option - the option that named it, for the message.
 * @param inputDir - the input folder.
 * @param what - what the input folder holds, for the message (e.g. 'the data folder').
 * @throws UsageError naming both folders.
 */
export async function checkOutputOutside(
  outDir: string,
  option: string,
  inputDir: string,
  what: string,
): Promise<void> {
  if (await isSameOrInside(outDir, inputDir)) {
    throw new UsageError(
      `${option} ${outDir} is inside ${what} ${inputDir}; results written there would mix ` +
        'with the data: choose a folder outside it',
    );
  }
}

/**
 * Refuses to save a model into an existing folder that holds other files and no model, so that
 * `fit` never overwrites files it did not write. A new, empty or previous model folder is fine.
 *
 * @param dir - the model folder.
 * @param option - the option that named it, for the message.
 * @param markerFiles - file names that mark a model folder (any one is enough).
 * @throws UsageError naming the folder and one of its files.
 */
export async function checkModelFolderReusable(
  dir: string,
  option: string,
  markerFiles: readonly string[],
): Promise<void> {
  // Hidden entries (.gitkeep, .DS_Store) do not make a folder someone else's.
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.'));
  if (names.length === 0 || names.some((name) => markerFiles.includes(name))) return;
  throw new UsageError(
    `${option} ${dir} already holds entries that are not a model (e.g. ${names.sort()[0]}); ` +
      'choose a new or empty folder, or a previous model folder to replace',
  );
}

/**
 * Refuses an output folder that holds input images (symbolic links resolved): overlays are
 * named after their images' folders, so writing them among the inputs could replace an image.
 *
 * @param outDir - the output folder.
 * @param samples - the input images.
 * @throws UsageError naming the folder and one of the images.
 */
export async function checkOutputApartFromImages(
  outDir: string,
  samples: readonly ImageSample[],
): Promise<void> {
  const out = await canonicalPath(outDir);
  const folders = new Map<string, string>();
  for (const sample of samples) {
    const folder = dirname(sample.path);
    if (!folders.has(folder)) folders.set(folder, await canonicalPath(folder));
  }
  const clash = samples.find((sample) => folders.get(dirname(sample.path)) === out);
  if (clash !== undefined) {
    throw new UsageError(
      `--out ${outDir} holds input images (e.g. ${clash.path}); overlays would be written ` +
        'among them and could replace one: choose another folder',
    );
  }
}
