import { basename, join } from 'node:path';
import { InvalidFileError, silentLogger } from '@patchcore/core';
import type { ImageSample, Logger } from '@patchcore/core';
import { isDirectory, listDirectory } from './image-files.js';
import { pairMasks } from './mask-pairing.js';
import {
  MVTEC_LAYOUT,
  NOMINAL_TYPE,
  requireLayoutFolder,
  resolveCategoryRoot,
} from './mvtec-layout.js';

/** The test split of an MVTec AD category: test/<type> with the masks of ground_truth/. */
export interface MvtecTestSplit {
  /** The category's name: its folder's base name, e.g. `'bottle'`. */
  readonly category: string;
  /** Absolute path of the category folder. */
  readonly root: string;
  /** Test images: type folders sorted by name (`good` among them), files sorted by name. */
  readonly test: ImageSample[];
  /** The defect types found under test/, sorted, `good` excluded. */
  readonly defectTypes: string[];
}

/** Options of {@link loadMvtecTestSplit}. */
export interface MvtecTestSplitOptions {
  /**
   * Require a mask for every defective test image. When false, a defect type without a
   * ground_truth folder is accepted and its samples have no `maskPath`.
   *
   * @defaultValue true
   */
  readonly requireMasks?: boolean;
  /** Receives a warning for each skipped file. @defaultValue the silent logger */
  readonly logger?: Logger;
}

/**
 * Reads only the test split of an MVTec AD category (SPEC §6.6): every test/<type> folder with
 * its label (0 for `good`, 1 otherwise), each defect image paired with
 * ground_truth/<type>/<stem>_mask.png by name. train/ is neither read nor required.
 *
 * @param root - the category folder, e.g. `data/bottle`.
 * @param options - mask requirement, logger.
 * @returns the category's name, its test samples with absolute paths and its defect types.
 * @throws {@link InvalidFileError} naming the path when the folder or test/ is missing, test/
 * holds no type folder, a defect image has no mask, or a mask has no image.
 * @example
 * ```ts
 * const { test, defectTypes } = await loadMvtecTestSplit('data/bottle');
 * // 83 test samples (63 with a maskPath), ['broken_large', 'broken_small', 'contamination']
 * ```
 */
export async function loadMvtecTestSplit(
  root: string,
  options: MvtecTestSplitOptions = {},
): Promise<MvtecTestSplit> {
  const categoryRoot = await resolveCategoryRoot(root);
  const logger = options.logger ?? silentLogger;
  const requireMasks = options.requireMasks ?? true;
  const testDir = join(categoryRoot, 'test');
  await requireLayoutFolder(testDir, 'the test folder');
  const { directories: types } = await listDirectory(testDir, logger);
  if (types.length === 0) {
    throw new InvalidFileError(
      testDir,
      `holds no type folder (good or a defect name); ${MVTEC_LAYOUT}`,
    );
  }
  await rejectOrphanMaskFolders(categoryRoot, types, logger);
  const test: ImageSample[] = [];
  for (const type of types) {
    test.push(...(await readTypeFolder(categoryRoot, type, requireMasks, logger)));
  }
  return {
    category: basename(categoryRoot),
    root: categoryRoot,
    test,
    defectTypes: types.filter((type) => type !== NOMINAL_TYPE),
  };
}

async function readTypeFolder(
  categoryRoot: string,
  type: string,
  requireMasks: boolean,
  logger: Logger,
): Promise<ImageSample[]> {
  const typeDir = join(categoryRoot, 'test', type);
  const { images } = await listDirectory(typeDir, logger);
  if (images.length === 0) logger.warn(() => `${typeDir} holds no image`);
  if (type === NOMINAL_TYPE) {
    return images.map((name) => ({ path: join(typeDir, name), label: 0, defectType: type }));
  }
  const maskDir = join(categoryRoot, 'ground_truth', type);
  const masks = await pairMasks(typeDir, images, maskDir, requireMasks, logger);
  return images.map((name, i) => {
    const maskPath = masks[i];
    const sample = { path: join(typeDir, name), label: 1 as const, defectType: type };
    return maskPath === undefined ? sample : { ...sample, maskPath };
  });
}

async function rejectOrphanMaskFolders(
  categoryRoot: string,
  types: readonly string[],
  logger: Logger,
): Promise<void> {
  const groundTruth = join(categoryRoot, 'ground_truth');
  if (!(await isDirectory(groundTruth))) return;
  const { directories } = await listDirectory(groundTruth, logger);
  for (const name of directories) {
    if (name === NOMINAL_TYPE || !types.includes(name)) {
      throw new InvalidFileError(
        join(groundTruth, name),
        `has no matching defect folder test/${name}; masks belong to defect types only`,
      );
    }
  }
}
