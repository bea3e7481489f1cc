import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidFileError, createHostMatrix } from '@patchcore/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_FILE_MAGIC, decodeBankFile, encodeBankFile } from '../src/bank-file.js';
import { FaissMemoryBank } from '../src/faiss-memory-bank.js';
import { seededMatrix } from './helpers.js';

const bank = seededMatrix(300, 16, 21);
const queries = seededMatrix(25, 16, 22);
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'memory-bank-test-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function savedBank(
  name: string,
  options = {},
): Promise<{ path: string; memoryBank: FaissMemoryBank }> {
  const memoryBank = new FaissMemoryBank(options);
  await memoryBank.build(bank);
  const path = join(directory, name);
  await memoryBank.save(path);
  return { path, memoryBank };
}

describe('save and load', () => {
  it.each(['Flat', 'IVF4,PQ4', 'HNSW8'])(
    'gives identical search results after a round trip with %s',
    async (index) => {
      const { path, memoryBank } = await savedBank(`round-trip-${index}.bank`, { index });
      const before = await memoryBank.search(queries, 3);
      const loaded = new FaissMemoryBank();
      await loaded.load(path);
      const after = await loaded.search(queries, 3);
      expect(loaded.describe()).toEqual(memoryBank.describe());
      expect(Array.from(after.neighborIndices)).toEqual(Array.from(before.neighborIndices));
      expect(Array.from(after.distances)).toEqual(Array.from(before.distances));
      expect(Array.from(loaded.rows([0, 299]).data)).toEqual(
        Array.from(memoryBank.rows([0, 299]).data),
      );
    },
  );

  it('replaces the file whole and leaves no temporary file when saved over it', async () => {
    const { path } = await savedBank('replace.bank');
    const small = new FaissMemoryBank();
    await small.build(createHostMatrix(bank.data.slice(0, 32), 2, 16));
    await small.save(path);
    const loaded = new FaissMemoryBank();
    await loaded.load(path);
    expect(loaded.size).toBe(2);
    expect((await readdir(directory)).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('leaves the previous file intact when a save fails', async () => {
    const { path } = await savedBank('intact.bank');
    const before = await readFile(path);
    await expect(new FaissMemoryBank().save(path)).rejects.toThrow(/empty memory bank/);
    expect((await readFile(path)).equals(before)).toBe(true);
  });

  it('throws InvalidFileError naming the path when the destination folder is missing', async () => {
    const { memoryBank } = await savedBank('ok.bank');
    const path = join(directory, 'no-such-folder', 'x.bank');
    await expect(memoryBank.save(path)).rejects.toThrow(InvalidFileError);
    await expect(memoryBank.save(path)).rejects.toThrow(path);
  });
});

describe('load refuses bad files', () => {
  it('throws InvalidFileError when the file is missing', async () => {
    const path = join(directory, 'missing.bank');
    await expect(new FaissMemoryBank().load(path)).rejects.toThrow(
      new RegExp(`${path}: cannot read the memory bank: .*ENOENT`),
    );
  });

  it('throws InvalidFileError when the file is truncated', async () => {
    const { path } = await savedBank('truncated.bank');
    await truncate(path, 5000);
    await expect(new FaissMemoryBank().load(path)).rejects.toThrow(
      /truncated: 5000 bytes, expected 19\d\d\d/,
    );
  });

  it('throws InvalidFileError when the file is cut inside its header', async () => {
    const { path } = await savedBank('cut-header.bank');
    await truncate(path, 20);
    await expect(new FaissMemoryBank().load(path)).rejects.toThrow(
      /truncated: header of \d+ bytes/,
    );
  });

  it('throws InvalidFileError when a byte of the rows changed', async () => {
    const { path } = await savedBank('flipped.bank');
    const bytes = await readFile(path);
    bytes[bytes.length - 7] = bytes[bytes.length - 7]! ^ 0xff;
    await writeFile(path, bytes);
    await expect(new FaissMemoryBank().load(path)).rejects.toThrow(/checksum mismatch/);
  });

  it('throws InvalidFileError when the file is a bare faiss index', async () => {
    const faiss = createRequire(import.meta.url)('faiss-node') as {
      IndexFlatL2: new (d: number) => { add(x: Float32Array): void; write(p: string): void };
    };
    const index = new faiss.IndexFlatL2(16);
    index.add(bank.data);
    const path = join(directory, 'bare.faiss');
    index.write(path);
    await expect(new FaissMemoryBank().load(path)).rejects.toThrow(
      /not a memory-bank file: starts with "IxF2/,
    );
  });

  it('throws InvalidFileError when the file is text', async () => {
    const path = join(directory, 'notes.txt');
    await writeFile(path, 'hello');
    await expect(new FaissMemoryBank().load(path)).rejects.toThrow(InvalidFileError);
  });

  it('throws InvalidFileError naming both dimensions when the bank has another dimension', async () => {
    const { path } = await savedBank('dim16.bank');
    await expect(new FaissMemoryBank({ dimension: 1024 }).load(path)).rejects.toThrow(
      'memory bank of dimension 16, expected 1024',
    );
  });

  it('throws InvalidFileError when the version is unknown', async () => {
    const { path } = await savedBank('future.bank');
    const bytes = await readFile(path);
    bytes.writeUInt32LE(99, 8);
    await writeFile(path, bytes);
    await expect(new FaissMemoryBank().load(path)).rejects.toThrow('memory-bank file version 99');
  });

  it('keeps its contents when a load fails', async () => {
    const { memoryBank } = await savedBank('keep.bank');
    await expect(memoryBank.load(join(directory, 'missing.bank'))).rejects.toThrow(
      InvalidFileError,
    );
    expect(memoryBank.size).toBe(300);
  });
});

describe('bank file format', () => {
  it('starts with the magic and round-trips rows and index bytes', () => {
    const rows = new Float32Array([1, 2, 3, 4, 5, 6]);
    const encoded = encodeBankFile(
      { kind: 'faiss', index: 'HNSW8', size: 2, dimension: 3 },
      rows,
      new Uint8Array([9, 8, 7]),
    );
    expect(Buffer.from(encoded.subarray(0, 8)).toString('latin1')).toBe(BANK_FILE_MAGIC);
    const decoded = decodeBankFile('x', encoded);
    expect(decoded.header).toMatchObject({ index: 'HNSW8', size: 2, dimension: 3, indexBytes: 3 });
    expect(Array.from(decoded.rows)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(decoded.indexBytes)).toEqual([9, 8, 7]);
  });

  it('throws InvalidFileError when the file is longer than its header says', () => {
    const encoded = encodeBankFile(
      { kind: 'faiss', index: 'Flat', size: 1, dimension: 1 },
      new Float32Array([1]),
      new Uint8Array(0),
    );
    const longer = Buffer.concat([encoded, Buffer.from([0])]);
    expect(() => decodeBankFile('x', longer)).toThrow(/longer than its header says/);
  });
});
