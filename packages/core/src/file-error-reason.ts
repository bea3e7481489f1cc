/**
 * Words for why a file-system call failed, to put after a path in an error message: the
 * caller's own wording for the error codes it expects, else `otherwise (CODE)`.
 *
 * @param error - what `fs` threw.
 * @param known - a reason per Node error code, e.g. `{ ENOENT: 'no such folder' }`.
 * @param otherwise - the reason for any other failure; the error code is added in brackets.
 * @returns the reason.
 * @example
 * ```ts
 * fileErrorReason(error, { ENOENT: 'no such config file' }, 'cannot read the config file');
 * ```
 */
export function fileErrorReason(
  error: unknown,
  known: Readonly<Record<string, string>>,
  otherwise: string,
): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === undefined ? undefined : known[code];
  return reason ?? `${otherwise} (${code ?? String(error)})`;
}
