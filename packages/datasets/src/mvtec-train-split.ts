import { basename, join } from 'node:path';
import { InvalidFileError, silentLogger } from '@patchcore/core';
import type { ImageSample, Logger } from '@patchcore/core';
import { listDirectory } from './image-files.js';
import { NOMINAL_TYPE, requireLayoutFolder, resolveCategoryRoot } from './mvtec-layout.js';

/** The training split of an MVTec AD category: train/good only. */
export interface MvtecTrainSplit {
  /** The category's name: its folder's base name, e.g. `'bottle'`. */
  readonly category: string;
  /** Absolute path of the category folder. */
  readonly root: string;
  /** Nominal training images (train/good), sorted by file name. */
  readonly train: ImageSample[];
  /** Nominal images held out of train/good by `trainValSplit`; empty by default. */
  readonly validation: ImageSample[];
}

/** Options of {@link loadMvtecTrainSplit}. */
export interface MvtecTrainSplitOptions {
  /**
   * Share of train/good kept for training, in (0, 1]: the first ⌊n · trainValSplit⌋ files by
   * name train, the rest become `validation` (R's `train_val_split`).
   *
   * @defaultValue 1
   */
  readonly trainValSplit?: number;
  /** Receives a warning for each skipped file. @defaultValue the silent logger */
  readonly logger?: Logger;
}

/**
 * Reads only the training split of an MVTec AD category (SPEC §6.6): train/good as nominal
 * images. test/ and ground_truth/ are neither read nor required, so a category holding only
 * train/good is enough to fit a model.
 *
 * @param root - the category folder, e.g. `data/bottle`.
 * @param options - train/validation split, logger.
 * @returns the category's name and its train and validation samples with absolute paths.
 * @throws {@link InvalidFileError} naming the path when the folder or train/good is missing
 * or train/good holds no image.
 * @throws RangeError when `trainValSplit` is outside (0, 1] or leaves no training image.
 * @example
 * ```ts
 * const { category, train } = await loadMvtecTrainSplit('data/bottle');
 * // 'bottle', 209 training samples
 * ```
 */
export async function loadMvtecTrainSplit(
  root: string,
  options: MvtecTrainSplitOptions = {},
): Promise<MvtecTrainSplit> {
  const trainValSplit = options.trainValSplit ?? 1;
  if (!(trainValSplit > 0 && trainValSplit <= 1)) {
    throw new RangeError(`trainValSplit must lie in (0, 1], got ${trainValSplit}`);
  }
  const categoryRoot = await resolveCategoryRoot(root);
  const nominal = await readNominalTrainImages(categoryRoot, options.logger ?? silentLogger);
  const trainCount = Math.floor(nominal.length * trainValSplit);
  if (trainCount === 0) {
    throw new RangeError(
      `trainValSplit ${trainValSplit} keeps 0 of ${nominal.length} training images`,
    );
  }
  return {
    category: basename(categoryRoot),
    root: categoryRoot,
    train: nominal.slice(0, trainCount),
    validation: nominal.slice(trainCount),
  };
}

async function readNominalTrainImages(
  categoryRoot: string,
  logger: Logger,
): Promise<ImageSample[]> {
  const trainDir = join(categoryRoot, 'train', NOMINAL_TYPE);
  await requireLayoutFolder(trainDir, 'the folder of nominal training images');
  const { images } = await listDirectory(trainDir, logger);
  if (images.length === 0) throw new InvalidFileError(trainDir, 'holds no training image');
  return images.map((name) => ({
    path: join(trainDir, name),
    label: 0,
    defectType: NOMINAL_TYPE,
  }));
}
