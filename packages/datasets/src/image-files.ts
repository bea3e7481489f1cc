import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InvalidFileError, fileErrorReason } from '@patchcore/core';
import type { Logger } from '@patchcore/core';

/** File extensions (lower case, with the dot) read as images. */
export const IMAGE_EXTENSIONS: readonly string[] = Object.freeze([
  '.png',
  '.jpg',
  '.jpeg',
  '.tif',
  '.tiff',
  '.webp',
  '.bmp',
]);

/**
 * Tells whether a file name has one of the {@link IMAGE_EXTENSIONS} (any letter case).
 *
 * @param name - a file name or path.
 * @returns true for an image file name.
 */
export function isImageFile(name: string): boolean {
  return IMAGE_EXTENSIONS.includes(extname(name).toLowerCase());
}

/**
 * Orders names by UTF-16 code units, which is Python's `sorted` order for every name in the
 * Basic Multilingual Plane, and never depends on the locale.
 *
 * @param a - first name.
 * @param b - second name.
 * @returns negative, zero or positive, as `Array.prototype.sort` expects.
 * @internal
 */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One directory's entries split by kind, each list sorted by {@link compareNames}. */
export interface DirectoryListing {
  /** Image files (by extension), names only. */
  readonly images: string[];
  /** Sub-directories, names only. */
  readonly directories: string[];
}

/**
 * Lists a directory: image files and sub-directories, sorted; hidden entries (dot names) are
 * skipped, other files are skipped with a warning. Symbolic links count as what they point to.
 *
 * @param dir - the directory.
 * @param logger - receives a warning per skipped non-image file.
 * @returns the sorted image and directory names.
 * @throws {@link InvalidFileError} naming `dir` when it is missing or not a directory.
 * @internal
 */
export async function listDirectory(dir: string, logger: Logger): Promise<DirectoryListing> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const reason = fileErrorReason(
      error,
      { ENOENT: 'no such folder', ENOTDIR: 'is not a folder' },
      'cannot list this folder',
    );
    throw new InvalidFileError(dir, reason, { cause: error });
  }
  const images: string[] = [];
  const directories: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const target = entry.isSymbolicLink() ? await stat(join(dir, entry.name)) : entry;
    if (target.isDirectory()) directories.push(entry.name);
    else if (target.isFile() && isImageFile(entry.name)) images.push(entry.name);
    else logger.warn(() => `skipping ${join(dir, entry.name)}: not an image file`);
  }
  return { images: images.sort(compareNames), directories: directories.sort(compareNames) };
}

/**
 * Tells whether a path is an existing directory.
 *
 * @param path - the path.
 * @returns true when it exists and is a directory.
 * @internal
 */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
