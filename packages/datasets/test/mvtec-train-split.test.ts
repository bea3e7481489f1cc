import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidFileError } from '@patchcore/core';
import { loadMvtecTrainSplit } from '../src/index.js';
import { makeCategory, removeTemporaryFolders } from './fixtures.js';

afterAll(removeTemporaryFolders);

const names = (samples: readonly { path: string }[]) =>
  samples.map((s) => s.path.split('/').slice(-2).join('/'));

describe('loadMvtecTrainSplit', () => {
  it('reads train/good when the category has no test or ground_truth folder', async () => {
    const root = await makeCategory();
    await rm(join(root, 'test'), { recursive: true });
    await rm(join(root, 'ground_truth'), { recursive: true });
    const result = await loadMvtecTrainSplit(root);
    expect(result.category).toBe('widget');
    expect(result.root).toBe(resolve(root));
    expect(names(result.train)).toEqual([0, 1, 2, 3, 4].map((i) => `good/00${i}.png`));
    expect(result.validation).toEqual([]);
  });

  it('ignores a defect image without its mask', async () => {
    const root = await makeCategory();
    await rm(join(root, 'ground_truth/scratch/a_mask.png'));
    const result = await loadMvtecTrainSplit(root);
    expect(result.train).toHaveLength(5);
  });

  it('splits train/good by trainValSplit, first files training', async () => {
    const result = await loadMvtecTrainSplit(await makeCategory(), { trainValSplit: 0.4 });
    expect(names(result.train)).toEqual(['good/000.png', 'good/001.png']);
    expect(names(result.validation)).toEqual(['good/002.png', 'good/003.png', 'good/004.png']);
  });

  it('throws an InvalidFileError naming train/good when it is missing', async () => {
    const root = await makeCategory();
    await rm(join(root, 'train'), { recursive: true });
    const failure = loadMvtecTrainSplit(root);
    await expect(failure).rejects.toBeInstanceOf(InvalidFileError);
    await expect(failure).rejects.toThrow(`${join(root, 'train/good')}: missing`);
  });
});
