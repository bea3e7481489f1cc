import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes a file so that a crash never leaves it half-written: the bytes go to a temporary
 * file beside it, which is then renamed over the destination.
 *
 * @param path - destination file.
 * @param contents - bytes or text to write.
 */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, contents);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
