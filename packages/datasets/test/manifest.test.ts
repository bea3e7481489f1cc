import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidFileError } from '@patchcore/core';
import { loadManifest } from '../src/index.js';
import { removeTemporaryFolders, temporaryFolder, touch } from './fixtures.js';

afterAll(removeTemporaryFolders);

async function withManifest(
  name: string,
  contents: string,
): Promise<{ root: string; path: string }> {
  const root = await temporaryFolder();
  await touch(root, ['img/1.png', 'img/2.png', 'img/a,b.png', 'masks/2_mask.png']);
  const path = join(root, name);
  await writeFile(path, contents);
  return { root, path };
}

describe('loadManifest', () => {
  it('reads a CSV manifest in its order with paths relative to the manifest', async () => {
    const { root, path } = await withManifest(
      'list.csv',
      'path,label,mask,defectType\nimg/2.png,1,masks/2_mask.png,crack\nimg/1.png,0,,good\n',
    );
    expect(await loadManifest(path)).toEqual([
      {
        path: join(root, 'img/2.png'),
        label: 1,
        maskPath: join(root, 'masks/2_mask.png'),
        defectType: 'crack',
      },
      { path: join(root, 'img/1.png'), label: 0, defectType: 'good' },
    ]);
  });

  it('reads quoted CSV fields, a BOM and word labels', async () => {
    const { root, path } = await withManifest(
      'list.csv',
      '\uFEFFpath,label\n"img/a,b.png",anomalous\nimg/1.png,nominal\n\nimg/2.png,\n',
    );
    expect(await loadManifest(path)).toEqual([
      { path: join(root, 'img/a,b.png'), label: 1 },
      { path: join(root, 'img/1.png'), label: 0 },
      { path: join(root, 'img/2.png') },
    ]);
  });

  it('reads a JSON array or an object with samples, a mask implying label 1', async () => {
    const entries = [
      { path: 'img/1.png', label: 0 },
      { path: 'img/2.png', mask: 'masks/2_mask.png' },
    ];
    const array = await withManifest('list.json', JSON.stringify(entries));
    const wrapped = await withManifest('list.json', JSON.stringify({ samples: entries }));
    for (const { root, path } of [array, wrapped]) {
      expect(await loadManifest(path)).toEqual([
        { path: join(root, 'img/1.png'), label: 0 },
        { path: join(root, 'img/2.png'), label: 1, maskPath: join(root, 'masks/2_mask.png') },
      ]);
    }
  });

  it('throws naming the column when a CSV column is unknown', async () => {
    const { path } = await withManifest('list.csv', 'path,lable\nimg/1.png,0\n');
    await expect(loadManifest(path)).rejects.toThrow(/column 'lable' is unknown/);
  });

  it('throws when the CSV has no path column', async () => {
    const { path } = await withManifest('list.csv', 'label\n0\n');
    await expect(loadManifest(path)).rejects.toThrow(/has no 'path' column/);
  });

  it('throws naming the entry and value when a label is invalid', async () => {
    const { path } = await withManifest('list.csv', 'path,label\nimg/1.png,0\nimg/2.png,2\n');
    await expect(loadManifest(path)).rejects.toThrow(/entry 2: label must be .* got "2"/);
  });

  it('throws naming the entry when a nominal entry has a mask', async () => {
    const { path } = await withManifest(
      'list.csv',
      'path,label,mask\nimg/2.png,0,masks/2_mask.png\n',
    );
    await expect(loadManifest(path)).rejects.toThrow(/entry 1 is labelled nominal but has a mask/);
  });

  it('throws an InvalidFileError naming the missing file and the entry', async () => {
    const { root, path } = await withManifest('list.csv', 'path\nimg/1.png\nimg/9.png\n');
    const failure = loadManifest(path);
    await expect(failure).rejects.toBeInstanceOf(InvalidFileError);
    await expect(failure).rejects.toThrow(
      `${join(root, 'img/9.png')}: listed in ${path} (entry 2)`,
    );
  });

  it('skips the file check when checkFiles is false', async () => {
    const { path } = await withManifest('list.csv', 'path\nimg/9.png\n');
    await expect(loadManifest(path, { checkFiles: false })).resolves.toHaveLength(1);
  });

  it('throws naming the extension when the manifest is neither CSV nor JSON', async () => {
    const { path } = await withManifest('list.txt', 'path\nimg/1.png\n');
    await expect(loadManifest(path)).rejects.toThrow(/must end in .csv or .json, got '.txt'/);
  });

  it('throws when the JSON is malformed or not a list of objects', async () => {
    const broken = await withManifest('a.json', '[{"path": ');
    await expect(loadManifest(broken.path)).rejects.toThrow(/is not valid JSON/);
    const scalar = await withManifest('b.json', '["img/1.png"]');
    await expect(loadManifest(scalar.path)).rejects.toThrow(/entry 1 is not an object/);
  });

  it('throws when the manifest lists no image', async () => {
    const { path } = await withManifest('list.csv', 'path,label\n');
    await expect(loadManifest(path)).rejects.toThrow(/lists no image/);
  });
});
