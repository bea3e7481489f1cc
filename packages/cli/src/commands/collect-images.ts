import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvalidFileError, fileErrorReason } from '@patchcore/core';
import type { ImageSample } from '@patchcore/core';
import { IMAGE_EXTENSIONS, isImageFile } from '@patchcore/datasets';

/**
 * Expands command-line arguments into image samples: files are taken as given, folders
 * contribute their image files (`isImageFile` of `@patchcore/datasets`, not recursive), sorted
 * by name. An image named more than once is listed once, where it first appears.
 *
 * @param paths - files and folders.
 * @returns one sample per image, in argument order.
 * @throws {@link InvalidFileError} when a path does not exist or a folder holds no image.
 */
export async function collectImages(paths: readonly string[]): Promise<ImageSample[]> {
  const samples: ImageSample[] = [];
  const seen = new Set<string>();
  const add = (path: string): void => {
    // An image named twice (a folder and a file in it) is scored once, where it first appears.
    if (seen.has(path)) return;
    seen.add(path);
    samples.push({ path });
  };
  for (const given of paths) {
    const path = resolve(given);
    const info = await stat(path).catch((error: unknown) => {
      throw new InvalidFileError(path, 'no such file or folder', { cause: error });
    });
    if (!info.isDirectory()) {
      add(path);
      continue;
    }
    const names = (
      await readdir(path).catch((error: unknown) => {
        const reason = fileErrorReason(error, {}, 'cannot list this folder');
        throw new InvalidFileError(path, reason, { cause: error });
      })
    )
      .filter(isImageFile)
      .sort();
    if (names.length === 0) {
      throw new InvalidFileError(path, `folder holds no image (${IMAGE_EXTENSIONS.join(', ')})`);
    }
    for (const name of names) add(join(path, name));
  }
  return samples;
}
