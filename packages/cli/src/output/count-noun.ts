/**
 * A count with its noun in the right number, for messages: `1 training image`,
 * `209 training images`.
 *
 * @param count - how many.
 * @param singular - the noun phrase for one, e.g. `'training image'`.
 * @param plural - the noun phrase for any other count. @defaultValue singular + 's'
 * @returns e.g. `'1 test image'`, `'0 test images'`.
 */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
