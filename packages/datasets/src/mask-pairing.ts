import { extname, join } from 'node:path';
import { InvalidFileError } from '@patchcore/core';
import type { Logger } from '@patchcore/core';
import { isDirectory, listDirectory } from './image-files.js';

/** Suffix of an MVTec AD mask file's stem: image `000.png` has mask `000_mask.png`. */
export const MASK_SUFFIX = '_mask';

/**
 * Pairs each defect image with its mask `<stem>_mask.<ext>` by name (SPEC §6.6: never by
 * position), and checks that every mask has an image.
 *
 * @param imageDir - test/<type>.
 * @param images - the image file names in it, sorted.
 * @param maskDir - ground_truth/<type>.
 * @param requireMasks - whether a missing mask folder is an error.
 * @param logger - receives a warning per skipped file.
 * @returns the mask path of each image, aligned with `images` (undefined when none).
 * @throws {@link InvalidFileError} naming the file on any mismatch.
 * @internal
 */
export async function pairMasks(
  imageDir: string,
  images: readonly string[],
  maskDir: string,
  requireMasks: boolean,
  logger: Logger,
): Promise<(string | undefined)[]> {
  if (!(await isDirectory(maskDir))) {
    if (!requireMasks || images.length === 0) return images.map(() => undefined);
    throw new InvalidFileError(
      maskDir,
      `missing: the masks of the ${images.length} defect images in ${imageDir}`,
    );
  }
  const masksByStem = await readMasks(maskDir, logger);
  const seen = new Set<string>();
  const paired = images.map((name) => {
    if (seen.has(stemOf(name))) {
      throw new InvalidFileError(join(imageDir, name), 'shares its stem with another image');
    }
    seen.add(stemOf(name));
    const maskPath = masksByStem.get(stemOf(name));
    if (maskPath === undefined) {
      throw new InvalidFileError(
        join(imageDir, name),
        `has no mask ${join(maskDir, stemOf(name) + MASK_SUFFIX)}.png`,
      );
    }
    masksByStem.delete(stemOf(name));
    return maskPath;
  });
  const orphan = masksByStem.values().next();
  if (orphan.done !== true) {
    throw new InvalidFileError(orphan.value, `has no image in ${imageDir}`);
  }
  return paired;
}

/** Maps each image stem to its mask path; rejects misnamed and duplicate masks. */
async function readMasks(maskDir: string, logger: Logger): Promise<Map<string, string>> {
  const masksByStem = new Map<string, string>();
  for (const name of (await listDirectory(maskDir, logger)).images) {
    const stem = stemOf(name);
    if (!stem.endsWith(MASK_SUFFIX)) {
      throw new InvalidFileError(join(maskDir, name), `is not named <stem>${MASK_SUFFIX}.png`);
    }
    const imageStem = stem.slice(0, -MASK_SUFFIX.length);
    const previous = masksByStem.get(imageStem);
    if (previous !== undefined) {
      throw new InvalidFileError(join(maskDir, name), `and ${previous} are masks of one image`);
    }
    masksByStem.set(imageStem, join(maskDir, name));
  }
  return masksByStem;
}

function stemOf(name: string): string {
  return name.slice(0, name.length - extname(name).length);
}
