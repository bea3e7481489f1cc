import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CaseUnavailableError } from '../benchmark-case.js';

/** Image paths of the MVTec bottle category, sorted. */
export interface BottleImages {
  /** `train/good/*.png`. */
  readonly train: readonly string[];
  /** `test/<defect type>/*.png`, every defect type. */
  readonly test: readonly string[];
}

async function pngs(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => name.endsWith('.png'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Lists the bottle images under `dataDir/bottle`.
 *
 * @param dataDir - the shared data folder.
 * @returns train and test paths.
 * @throws {@link CaseUnavailableError} when the folder is missing or empty.
 */
export async function listBottleImages(dataDir: string): Promise<BottleImages> {
  const root = join(dataDir, 'bottle');
  try {
    const train = await pngs(join(root, 'train', 'good'));
    const defectTypes = (await readdir(join(root, 'test'))).sort();
    const test = (await Promise.all(defectTypes.map((d) => pngs(join(root, 'test', d))))).flat();
    if (train.length === 0 || test.length === 0) throw new Error('no .png files');
    return { train, test };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CaseUnavailableError(`MVTec bottle not found under ${root} (${reason})`);
  }
}

/**
 * Every `step`-th path, starting at the first: a spread over sorted defect types.
 *
 * @param paths - the paths.
 * @param count - how many to keep.
 * @returns at most `count` paths.
 */
export function spread(paths: readonly string[], count: number): string[] {
  const step = Math.max(1, Math.floor(paths.length / count));
  return paths.filter((_, index) => index % step === 0).slice(0, count);
}
