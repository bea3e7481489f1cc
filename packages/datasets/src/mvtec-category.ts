import { basename, join, resolve } from 'node:path';
import { InvalidFileError, silentLogger } from '@patchcore/core';
import type { ImageSample, Logger } from '@patchcore/core';
import { isDirectory, listDirectory } from './image-files.js';
import { pairMasks } from './mask-pairing.js';

/** The MVTec AD folder of nominal images, both in train/ and test/. */
export const NOMINAL_TYPE = 'good';

const LAYOUT =
  'expected <category>/train/good/*.png, <category>/test/<type>/*.png and ' +
  '<category>/ground_truth/<type>/<stem>_mask.png';

/** One MVTec AD category, read from disk. */
export interface MvtecCategory {
  /** The category's name: its folder's base name, e.g. `'bottle'`. */
  readonly category: string;
  /** Absolute path of the category folder. */
  readonly root: string;
  /** Nominal training images (train/good), sorted by file name. */
  readonly train: ImageSample[];
  /** Nominal images held out of train/good by `trainValSplit`; empty by default. */
  readonly validation: ImageSample[];
  /** Test images: type folders sorted by name (`good` among them), files sorted by name. */
  readonly test: ImageSample[];
  /** The defect types found under test/, sorted, `good` excluded. */
  readonly defectTypes: string[];
}

/** Options of {@link loadMvtecCategory}. */
export interface MvtecCategoryOptions {
  /**
   * Share of train/good kept for training, in (0, 1]: the first ⌊n · trainValSplit⌋ files by
   * name train, the rest become `validation` (R's `train_val_split`).
   *
   * @defaultValue 1
   */
  readonly trainValSplit?: number;
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
 * Reads an MVTec AD category folder (SPEC §6.6) into samples: train/good as nominal training
 * images, every test/<type> folder with its label (0 for `good`, 1 otherwise) and each defect
 * image paired with ground_truth/<type>/<stem>_mask.png by name.
 *
 * @param root - the category folder, e.g. `data/bottle`.
 * @param options - train/validation split, mask requirement, logger.
 * @returns the category's name and its train, validation and test samples with absolute paths.
 * @throws {@link InvalidFileError} naming the path when the layout is wrong, a folder is
 * empty, a defect image has no mask, or a mask has no image.
 * @throws RangeError when `trainValSplit` is outside (0, 1] or leaves no training image.
 * @example
 * ```ts
 * const { category, train, test } = await loadMvtecCategory('data/bottle');
 * // 'bottle', 209 training samples, 83 test samples (63 with a maskPath)
 * ```
 */
export async function loadMvtecCategory(
  root: string,
  options: MvtecCategoryOptions = {},
): Promise<MvtecCategory> {
  const categoryRoot = resolve(root);
  const logger = options.logger ?? silentLogger;
  const trainValSplit = options.trainValSplit ?? 1;
  if (!(trainValSplit > 0 && trainValSplit <= 1)) {
    throw new RangeError(`trainValSplit must lie in (0, 1], got ${trainValSplit}`);
  }
  if (!(await isDirectory(categoryRoot))) {
    throw new InvalidFileError(categoryRoot, `is not a directory; ${LAYOUT}`);
  }
  const nominal = await readTrain(categoryRoot, logger);
  const trainCount = Math.floor(nominal.length * trainValSplit);
  if (trainCount === 0) {
    throw new RangeError(
      `trainValSplit ${trainValSplit} keeps 0 of ${nominal.length} training images`,
    );
  }
  const { test, defectTypes } = await readTest(categoryRoot, options.requireMasks ?? true, logger);
  return {
    category: basename(categoryRoot),
    root: categoryRoot,
    train: nominal.slice(0, trainCount),
    validation: nominal.slice(trainCount),
    test,
    defectTypes,
  };
}

async function requireDirectory(path: string, what: string): Promise<void> {
  if (!(await isDirectory(path))) {
    throw new InvalidFileError(path, `missing: ${what}; ${LAYOUT}`);
  }
}

async function readTrain(categoryRoot: string, logger: Logger): Promise<ImageSample[]> {
  const trainDir = join(categoryRoot, 'train', NOMINAL_TYPE);
  await requireDirectory(trainDir, 'the folder of nominal training images');
  const { images } = await listDirectory(trainDir, logger);
  if (images.length === 0) throw new InvalidFileError(trainDir, 'holds no training image');
  return images.map((name) => ({
    path: join(trainDir, name),
    label: 0,
    defectType: NOMINAL_TYPE,
  }));
}

async function readTest(
  categoryRoot: string,
  requireMasks: boolean,
  logger: Logger,
): Promise<{ test: ImageSample[]; defectTypes: string[] }> {
  const testDir = join(categoryRoot, 'test');
  await requireDirectory(testDir, 'the test folder');
  const { directories: types } = await listDirectory(testDir, logger);
  if (types.length === 0) {
    throw new InvalidFileError(testDir, `holds no type folder (good or a defect name); ${LAYOUT}`);
  }
  await rejectOrphanMaskFolders(categoryRoot, types, logger);
  const test: ImageSample[] = [];
  for (const type of types) {
    const typeDir = join(testDir, type);
    const { images } = await listDirectory(typeDir, logger);
    if (images.length === 0) logger.warn(() => `${typeDir} holds no image`);
    if (type === NOMINAL_TYPE) {
      test.push(
        ...images.map((name) => ({
          path: join(typeDir, name),
          label: 0 as const,
          defectType: type,
        })),
      );
      continue;
    }
    const maskDir = join(categoryRoot, 'ground_truth', type);
    const masks = await pairMasks(typeDir, images, maskDir, requireMasks, logger);
    test.push(
      ...images.map((name, i) => {
        const maskPath = masks[i];
        const sample = { path: join(typeDir, name), label: 1 as const, defectType: type };
        return maskPath === undefined ? sample : { ...sample, maskPath };
      }),
    );
  }
  return { test, defectTypes: types.filter((type) => type !== NOMINAL_TYPE) };
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
