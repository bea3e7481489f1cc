import { describe, expect, it } from 'vitest';
import { fileErrorReason } from '../src/index.js';

const fsError = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('fileErrorReason', () => {
  it("uses the caller's words for an expected code and names any other code", () => {
    const known = { ENOENT: 'no such folder' };
    expect(fileErrorReason(fsError('ENOENT'), known, 'cannot list this folder')).toBe(
      'no such folder',
    );
    expect(fileErrorReason(fsError('EACCES'), known, 'cannot list this folder')).toBe(
      'cannot list this folder (EACCES)',
    );
    expect(fileErrorReason(new Error('odd'), known, 'cannot list this folder')).toBe(
      'cannot list this folder (Error: odd)',
    );
  });
});
