import type { Logger } from '@patchcore/core';
import { loadMvtecTestSplit } from './mvtec-test-split.js';
import type { MvtecTestSplit } from './mvtec-test-split.js';
import { loadMvtecTrainSplit } from './mvtec-train-split.js';
import type { MvtecTrainSplit } from './mvtec-train-split.js';

/** One MVTec AD category, read from disk: both splits. */
export interface MvtecCategory extends MvtecTrainSplit, MvtecTestSplit {}

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
 * image paired with ground_truth/<type>/<stem>_mask.png by name. Needs both splits; to fit
 * from a folder holding only train/good use {@link loadMvtecTrainSplit}, to evaluate use
 * {@link loadMvtecTestSplit}.
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
  const { trainValSplit, requireMasks, logger } = options;
  const trainSplit = await loadMvtecTrainSplit(root, {
    ...(trainValSplit === undefined ? {} : { trainValSplit }),
    ...(logger === undefined ? {} : { logger }),
  });
  const testSplit = await loadMvtecTestSplit(root, {
    ...(requireMasks === undefined ? {} : { requireMasks }),
    ...(logger === undefined ? {} : { logger }),
  });
  return { ...trainSplit, ...testSplit };
}
