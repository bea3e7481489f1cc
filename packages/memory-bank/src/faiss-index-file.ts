import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidFileError } from '@patchcore/core';
import type { FaissAddon, FaissIndex } from './faiss-addon.js';

/**
 * Runs `use` with the path of a file in a fresh private directory, removed afterwards. faiss
 * indexes go through files rather than faiss-node's `toBuffer` / `fromBuffer`, which leak
 * 10–28 MB per call in the upstream addon.
 *
 * @param use - receives the temporary path.
 * @returns what `use` returns.
 * @internal
 */
export async function withTemporaryFile<T>(use: (temp: string) => Promise<T>): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'patchcore-bank-'));
  try {
    return await use(join(directory, 'index.faiss'));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * Reads a faiss index from its serialised bytes.
 *
 * @param addon - the loaded faiss-node module.
 * @param path - the bank file the bytes came from (for messages).
 * @param bytes - faiss's serialised index.
 * @returns the index.
 * @throws {@link InvalidFileError} when faiss cannot parse the bytes.
 * @internal
 */
export async function readIndexBytes(
  addon: FaissAddon,
  path: string,
  bytes: Uint8Array,
): Promise<FaissIndex> {
  return withTemporaryFile(async (temp) => {
    await writeFile(temp, bytes);
    try {
      return addon.Index.read(temp);
    } catch (error) {
      throw new InvalidFileError(path, `faiss cannot read its index bytes: ${String(error)}`, {
        cause: error,
      });
    }
  });
}
