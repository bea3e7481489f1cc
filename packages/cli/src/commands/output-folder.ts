import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InvalidFileError } from '@patchcore/core';

/**
 * Makes sure a command will be able to write into `dir` before it starts any long work, instead
 * of failing after minutes of extraction and scoring. Nothing is created: when `dir` does not
 * exist yet, its nearest existing ancestor must be a writable folder (the command creates the
 * rest when it writes).
 *
 * @param dir - the output folder, absolute.
 * @param option - the option or config key that named it (e.g. `--out`), for the message.
 * @throws {@link InvalidFileError} naming the path and the option.
 */
export async function checkOutputFolder(dir: string, option: string): Promise<void> {
  let existing = dir;
  let info = await stat(existing).catch(() => undefined);
  while (info === undefined && dirname(existing) !== existing) {
    existing = dirname(existing);
    info = await stat(existing).catch(() => undefined);
  }
  if (info !== undefined && !info.isDirectory()) {
    throw new InvalidFileError(existing, `is a file, not a folder; give ${option} a folder path`);
  }
  try {
    await access(existing, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const where = existing === dir ? '' : ` (needed to create ${dir})`;
    throw new InvalidFileError(
      existing,
      `cannot write to this folder${where} (${code}); give ${option} a writable folder`,
      { cause: error },
    );
  }
}
