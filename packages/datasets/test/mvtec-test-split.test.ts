import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMvtecTestSplit } from '../src/index.js';
import { makeCategory, removeTemporaryFolders } from './fixtures.js';

afterAll(removeTemporaryFolders);

describe('loadMvtecTestSplit', () => {
  it('reads test/ and pairs masks when the category has no train folder', async () => {
    const root = await makeCategory();
    await rm(join(root, 'train'), { recursive: true });
    const result = await loadMvtecTestSplit(root);
    expect(result.category).toBe('widget');
    expect(result.defectTypes).toEqual(['crack', 'scratch']);
    const masks = result.test.map((s) => (s.maskPath === undefined ? null : basename(s.maskPath)));
    expect(masks).toEqual(['000_mask.png', null, null, 'a_mask.png', 'a_b_mask.png']);
  });

  it('throws naming the test folder when it is missing', async () => {
    const root = await makeCategory();
    await rm(join(root, 'test'), { recursive: true });
    await rm(join(root, 'ground_truth'), { recursive: true });
    await expect(loadMvtecTestSplit(root)).rejects.toThrow(
      `${join(root, 'test')}: missing: the test folder`,
    );
  });

  it('throws naming the image when a defect image has no mask', async () => {
    const root = await makeCategory();
    await rm(join(root, 'ground_truth/scratch/a_mask.png'));
    await expect(loadMvtecTestSplit(root)).rejects.toThrow(/scratch\/a\.png: has no mask/);
  });
});
