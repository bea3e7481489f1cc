import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadImageFolder } from '../src/index.js';
import { recordingLogger, removeTemporaryFolders, temporaryFolder, touch } from './fixtures.js';

afterAll(removeTemporaryFolders);

async function makeFolder(): Promise<string> {
  const root = await temporaryFolder();
  await touch(root, [
    'b.png',
    'a.JPG',
    'c.tiff',
    'notes.txt',
    '.hidden.png',
    'sub/z.webp',
    'sub/y.bmp',
  ]);
  return root;
}

describe('loadImageFolder', () => {
  it('lists the images at the top level sorted by name when not recursive', async () => {
    const root = await makeFolder();
    const samples = await loadImageFolder(root);
    expect(samples).toEqual([
      { path: join(root, 'a.JPG') },
      { path: join(root, 'b.png') },
      { path: join(root, 'c.tiff') },
    ]);
  });

  it('includes sub-folders ordered by relative path when recursive', async () => {
    const root = await makeFolder();
    const samples = await loadImageFolder(root, { recursive: true });
    expect(samples.map((s) => s.path.slice(root.length + 1))).toEqual([
      'a.JPG',
      'b.png',
      'c.tiff',
      'sub/y.bmp',
      'sub/z.webp',
    ]);
  });

  it('gives every sample the label when one is given', async () => {
    const samples = await loadImageFolder(await makeFolder(), { label: 0 });
    expect(samples.every((s) => s.label === 0)).toBe(true);
  });

  it('warns about non-image files and skips hidden ones', async () => {
    const root = await makeFolder();
    const { warnings, logger } = recordingLogger();
    await loadImageFolder(root, { logger });
    expect(warnings).toEqual([`skipping ${join(root, 'notes.txt')}: not an image file`]);
  });

  it('throws naming the folder when it holds no image', async () => {
    const root = await temporaryFolder();
    await touch(root, ['readme.md']);
    await expect(loadImageFolder(root)).rejects.toThrow(`${root}: holds no image`);
  });

  it('throws naming the path when the folder does not exist', async () => {
    const root = join(await temporaryFolder(), 'missing');
    await expect(loadImageFolder(root)).rejects.toThrow(`${root}: no such folder`);
  });
});
