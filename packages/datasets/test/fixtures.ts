import type { Logger } from '@patchcore/core';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const created: string[] = [];

/** A fresh temporary folder, removed by {@link removeTemporaryFolders}. */
export async function temporaryFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'patchcore-datasets-'));
  created.push(folder);
  return folder;
}

/** Removes every folder made by {@link temporaryFolder}; for `afterAll`. */
export async function removeTemporaryFolders(): Promise<void> {
  await Promise.all(created.splice(0).map((f) => rm(f, { recursive: true, force: true })));
}

/** Creates empty files at the given paths (relative to `root`), with their folders. */
export async function touch(root: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), '');
  }
}

/**
 * A small MVTec-layout category whose mask names sort in a different order from their
 * images (a_b_mask sorts before a_mask, but a before a_b), so pairing by position would be wrong.
 */
export async function makeCategory(name = 'widget'): Promise<string> {
  const root = join(await temporaryFolder(), name);
  await touch(root, [
    'train/good/002.png',
    'train/good/000.png',
    'train/good/001.png',
    'train/good/003.png',
    'train/good/004.png',
    'test/good/000.png',
    'test/good/001.png',
    'test/scratch/a.png',
    'test/scratch/a_b.png',
    'test/crack/000.png',
    'ground_truth/scratch/a_b_mask.png',
    'ground_truth/scratch/a_mask.png',
    'ground_truth/crack/000_mask.png',
  ]);
  return root;
}

/** A logger that records warnings. */
export function recordingLogger(): {
  warnings: string[];
  logger: Logger;
} {
  const warnings: string[] = [];
  const render = (m: string | (() => string)) => (typeof m === 'function' ? m() : m);
  return {
    warnings,
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: (m) => warnings.push(render(m)),
      error: () => undefined,
    },
  };
}
