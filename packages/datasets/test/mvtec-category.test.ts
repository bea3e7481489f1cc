import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidFileError } from '@patchcore/core';
import { loadMvtecCategory } from '../src/index.js';
import {
  makeCategory,
  recordingLogger,
  removeTemporaryFolders,
  temporaryFolder,
  touch,
} from './fixtures.js';

afterAll(removeTemporaryFolders);

const names = (samples: readonly { path: string }[]) =>
  samples.map((s) => s.path.split('/').slice(-2).join('/'));

describe('loadMvtecCategory', () => {
  it('reads train/good sorted by name when the layout is complete', async () => {
    const root = await makeCategory();
    const result = await loadMvtecCategory(root);
    expect(result.category).toBe('widget');
    expect(result.root).toBe(resolve(root));
    expect(names(result.train)).toEqual([0, 1, 2, 3, 4].map((i) => `good/00${i}.png`));
    expect(result.train.every((s) => s.label === 0 && s.defectType === 'good')).toBe(true);
    expect(result.validation).toEqual([]);
  });

  it('orders test types by folder name with good among them, labels by folder', async () => {
    const result = await loadMvtecCategory(await makeCategory());
    expect(names(result.test)).toEqual([
      'crack/000.png',
      'good/000.png',
      'good/001.png',
      'scratch/a.png',
      'scratch/a_b.png',
    ]);
    expect(result.test.map((s) => s.label)).toEqual([1, 0, 0, 1, 1]);
    expect(result.defectTypes).toEqual(['crack', 'scratch']);
  });

  it('pairs masks by stem when their sorted order differs from the images', async () => {
    const result = await loadMvtecCategory(await makeCategory());
    const masks = result.test.map((s) => (s.maskPath === undefined ? null : basename(s.maskPath)));
    expect(masks).toEqual(['000_mask.png', null, null, 'a_mask.png', 'a_b_mask.png']);
  });

  it('splits train/good by trainValSplit, first files training', async () => {
    const result = await loadMvtecCategory(await makeCategory(), { trainValSplit: 0.5 });
    expect(names(result.train)).toEqual(['good/000.png', 'good/001.png']);
    expect(names(result.validation)).toEqual(['good/002.png', 'good/003.png', 'good/004.png']);
  });

  it.each([0, 1.5, Number.NaN])('throws naming trainValSplit when it is %s', async (split) => {
    await expect(loadMvtecCategory(await makeCategory(), { trainValSplit: split })).rejects.toThrow(
      `got ${split}`,
    );
  });

  it('throws naming the image when a defect image has no mask', async () => {
    const root = await makeCategory();
    await rm(join(root, 'ground_truth/scratch/a_mask.png'));
    await expect(loadMvtecCategory(root)).rejects.toThrow(/scratch\/a\.png: has no mask/);
  });

  it('throws naming the mask when a mask has no image', async () => {
    const root = await makeCategory();
    await touch(root, ['ground_truth/crack/001_mask.png']);
    await expect(loadMvtecCategory(root)).rejects.toThrow(/crack\/001_mask\.png: has no image/);
  });

  it('throws naming the file when a mask file is not named <stem>_mask', async () => {
    const root = await makeCategory();
    await touch(root, ['ground_truth/crack/000.png']);
    await expect(loadMvtecCategory(root)).rejects.toThrow(/crack\/000\.png: is not named/);
  });

  it('throws naming the folder when a defect type has no mask folder', async () => {
    const root = await makeCategory();
    await rm(join(root, 'ground_truth/crack'), { recursive: true });
    await expect(loadMvtecCategory(root)).rejects.toThrow(/ground_truth\/crack: missing/);
  });

  it('accepts a defect type without masks when requireMasks is false', async () => {
    const root = await makeCategory();
    await rm(join(root, 'ground_truth/crack'), { recursive: true });
    const result = await loadMvtecCategory(root, { requireMasks: false });
    expect(result.test[0]).toEqual({
      path: join(root, 'test/crack/000.png'),
      label: 1,
      defectType: 'crack',
    });
  });

  it('throws naming the folder when ground_truth has a folder without test images', async () => {
    const root = await makeCategory();
    await touch(root, ['ground_truth/dent/000_mask.png']);
    await expect(loadMvtecCategory(root)).rejects.toThrow(/ground_truth\/dent: has no matching/);
  });

  it('throws an InvalidFileError naming train/good when it is missing', async () => {
    const root = await makeCategory();
    await rm(join(root, 'train'), { recursive: true });
    const failure = loadMvtecCategory(root);
    await expect(failure).rejects.toBeInstanceOf(InvalidFileError);
    await expect(failure).rejects.toThrow(`${join(root, 'train/good')}: missing`);
  });

  it('throws naming the path when the folder does not exist', async () => {
    const root = join(await temporaryFolder(), 'nothing-here');
    await expect(loadMvtecCategory(root)).rejects.toThrow(`${root}: no such folder`);
  });

  it('throws naming the path when a file is given for the category folder', async () => {
    const file = join(await temporaryFolder(), 'category.txt');
    await writeFile(file, 'not a folder');
    await expect(loadMvtecCategory(file)).rejects.toThrow(`${file}: is not a folder`);
  });

  it('skips hidden files silently and other non-images with a warning', async () => {
    const root = await makeCategory();
    await writeFile(join(root, 'train/good/.DS_Store'), '');
    await writeFile(join(root, 'train/good/notes.txt'), '');
    await mkdir(join(root, 'README.d'));
    const { warnings, logger } = recordingLogger();
    const result = await loadMvtecCategory(root, { logger });
    expect(result.train).toHaveLength(5);
    expect(warnings).toEqual([`skipping ${join(root, 'train/good/notes.txt')}: not an image file`]);
  });
});

const bottle = resolve(import.meta.dirname, '../../../../shared/data/bottle');

describe.skipIf(!existsSync(bottle))(
  `loadMvtecCategory on ${bottle} (skipped when that folder is absent)`,
  () => {
    it('finds 209 training and 83 test images with 63 masks', async () => {
      const result = await loadMvtecCategory(bottle);
      expect(result.category).toBe('bottle');
      expect(result.train).toHaveLength(209);
      expect(result.test).toHaveLength(83);
      expect(result.test.filter((s) => s.maskPath !== undefined)).toHaveLength(63);
      expect(result.test.filter((s) => s.label === 0)).toHaveLength(20);
      expect(result.defectTypes).toEqual(['broken_large', 'broken_small', 'contamination']);
      for (const sample of result.test) {
        if (sample.maskPath === undefined) continue;
        expect(basename(sample.maskPath)).toBe(basename(sample.path, '.png') + '_mask.png');
      }
    });
  },
);
