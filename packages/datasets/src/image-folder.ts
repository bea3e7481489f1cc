import { join, resolve } from 'node:path';
import { InvalidFileError, silentLogger } from '@patchcore/core';
import type { ImageSample, Label, Logger } from '@patchcore/core';
import { IMAGE_EXTENSIONS, compareNames, listDirectory } from './image-files.js';

/** Options of {@link loadImageFolder}. */
export interface ImageFolderOptions {
  /**
   * Also read sub-directories (hidden ones excluded); files are then ordered by their path
   * relative to the folder.
   *
   * @defaultValue false
   */
  readonly recursive?: boolean;
  /** Label given to every sample, when the folder is known to be nominal (0) or anomalous (1). */
  readonly label?: Label;
  /** Receives a warning for each skipped non-image file. @defaultValue the silent logger */
  readonly logger?: Logger;
}

/**
 * Reads a plain folder of images (png, jpg, jpeg, tif, tiff, webp, bmp) as samples without
 * masks, sorted by name: e.g. the images to score with a fitted model.
 *
 * @param dir - the folder.
 * @param options - recursion, a label for all samples, logger.
 * @returns one sample per image, with an absolute `path`, in a deterministic order.
 * @throws {@link InvalidFileError} naming `dir` when it is not a directory or holds no image.
 */
export async function loadImageFolder(
  dir: string,
  options: ImageFolderOptions = {},
): Promise<ImageSample[]> {
  const root = resolve(dir);
  const logger = options.logger ?? silentLogger;
  const relativePaths = await collectImages(root, '', options.recursive ?? false, logger);
  if (relativePaths.length === 0) {
    throw new InvalidFileError(root, `holds no image (${IMAGE_EXTENSIONS.join(', ')})`);
  }
  relativePaths.sort(compareNames);
  const label = options.label;
  return relativePaths.map((relative) =>
    label === undefined ? { path: join(root, relative) } : { path: join(root, relative), label },
  );
}

async function collectImages(
  root: string,
  relative: string,
  recursive: boolean,
  logger: Logger,
): Promise<string[]> {
  const { images, directories } = await listDirectory(join(root, relative), logger);
  const found = images.map((name) => (relative === '' ? name : `${relative}/${name}`));
  if (!recursive) return found;
  for (const name of directories) {
    const child = relative === '' ? name : `${relative}/${name}`;
    found.push(...(await collectImages(root, child, true, logger)));
  }
  return found;
}
