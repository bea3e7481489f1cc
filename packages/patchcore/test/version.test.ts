import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../src/index.js';

describe('PACKAGE_VERSION', () => {
  it('equals the version in package.json', async () => {
    const text = await readFile(new URL('../package.json', import.meta.url), 'utf8');
    expect(PACKAGE_VERSION).toBe((JSON.parse(text) as { version: string }).version);
  });
});
