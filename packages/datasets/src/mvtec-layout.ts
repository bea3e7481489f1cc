import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidFileError } from '@patchcore/core';
import { isDirectory } from './image-files.js';

/** The MVTec AD folder of nominal images, both in train/ and test/. */
export const NOMINAL_TYPE = 'good';

/** The expected MVTec AD layout, quoted in layout errors. @internal */
export const MVTEC_LAYOUT =
  'expected <category>/train/good/*.png, <category>/test/<type>/*.png and ' +
  '<category>/ground_truth/<type>/<stem>_mask.png';

/**
 * Resolves a category folder and checks that it is a directory.
 *
 * @param root - the category folder as given.
 * @returns its absolute path.
 * @throws {@link InvalidFileError} naming the path when it is not a directory.
 * @internal
 */
export async function resolveCategoryRoot(root: string): Promise<string> {
  const categoryRoot = resolve(root);
  if (!(await isDirectory(categoryRoot))) {
    const exists = await stat(categoryRoot).then(
      () => true,
      () => false,
    );
    const what = exists ? 'is not a folder' : 'no such folder';
    throw new InvalidFileError(categoryRoot, `${what}; ${MVTEC_LAYOUT}`);
  }
  return categoryRoot;
}

/**
 * Checks that a folder of the layout exists.
 *
 * @param path - the folder.
 * @param what - what the folder holds, for the message.
 * @throws {@link InvalidFileError} naming the folder when it is missing.
 * @internal
 */
export async function requireLayoutFolder(path: string, what: string): Promise<void> {
  if (!(await isDirectory(path))) {
    throw new InvalidFileError(path, `missing: ${what}; ${MVTEC_LAYOUT}`);
  }
}
