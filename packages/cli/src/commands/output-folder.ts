import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { InvalidFileError } from '@patchcore/core';

/**
 * Makes sure a command can write into `dir` before it starts any long work: creates the folder
 * (and its parents) when missing, and fails at once when the path is a file or the folder is
 * not writable, instead of after minutes of extraction and scoring.
 *
 * @param dir - the output folder, absolute.
 * @param option - the option that named it (e.g. `--out`), for the message.
 * @throws {@link InvalidFileError} naming the folder and the option.
 */
export async function prepareOutputFolder(dir: string, option: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info !== undefined && !info.isDirectory()) {
    throw new InvalidFileError(dir, `is a file, not a folder; give ${option} a folder path`);
  }
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InvalidFileError(
      dir,
      `cannot write to this folder (${code}); give ${option} a writable folder`,
      { cause: error },
    );
  }
}
