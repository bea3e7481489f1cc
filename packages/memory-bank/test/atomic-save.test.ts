import * as fs from 'node:fs/promises';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidFileError } from '@patchcore/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FaissMemoryBank } from '../src/faiss-memory-bank.js';
import { seededMatrix } from './helpers.js';

// Simulates a crash in the middle of writing: the next writeFile writes part of its bytes,
// then fails. The module is mocked for this test file only.
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof fs>();
  return { ...original, writeFile: vi.fn(original.writeFile) };
});

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'memory-bank-atomic-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('save', () => {
  it('leaves the previous file intact and no temporary file when writing fails midway', async () => {
    const path = join(directory, 'bank.bin');
    const first = new FaissMemoryBank();
    await first.build(seededMatrix(50, 8, 1));
    await first.save(path);
    const before = await readFile(path);

    const second = new FaissMemoryBank();
    await second.build(seededMatrix(80, 8, 2));
    const real = (await vi.importActual<typeof fs>('node:fs/promises')).writeFile;
    const written: string[] = [];
    vi.mocked(fs.writeFile).mockImplementationOnce(async (target, data) => {
      written.push(target as string);
      await real(target, (data as Uint8Array).subarray(0, 100));
      throw new Error('ENOSPC: no space left on device');
    });
    await expect(second.save(path)).rejects.toThrow(InvalidFileError);

    expect(written).toHaveLength(1);
    expect(written[0]).not.toBe(path);
    expect(written[0]!.startsWith(`${path}.`)).toBe(true);
    expect((await readFile(path)).equals(before)).toBe(true);
    expect(await readdir(directory)).toEqual(['bank.bin']);
    const loaded = new FaissMemoryBank();
    await loaded.load(path);
    expect(loaded.size).toBe(50);
  });
});
