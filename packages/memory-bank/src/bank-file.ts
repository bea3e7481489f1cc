import { createHash } from 'node:crypto';
import { InvalidFileError } from '@patchcore/core';

/**
 * First 8 bytes of every memory-bank file. Layout (version 1, little-endian):
 * magic (8) · version u32 · header length u32 · header JSON (space-padded to a multiple of 4)
 * · rows float32 [size, dimension] · faiss index bytes (empty for `'Flat'`, rebuilt from rows).
 */
export const BANK_FILE_MAGIC = 'PCMBANK\n';
/** Format version written by this package. */
export const BANK_FILE_VERSION = 1;

const PREAMBLE_BYTES = 16;

/** The JSON header of a memory-bank file. */
export interface BankFileHeader {
  /** Always `'faiss'` for files written by {@link FaissMemoryBank}. */
  readonly kind: string;
  /** faiss index factory string. */
  readonly index: string;
  /** Number of rows M. */
  readonly size: number;
  /** Row dimension D. */
  readonly dimension: number;
  /** Length of the faiss index bytes after the rows. */
  readonly indexBytes: number;
  /** SHA-256 (hex) of rows and index bytes together. */
  readonly sha256: string;
}

/** A decoded memory-bank file. */
export interface BankFileContents {
  /** The header. */
  readonly header: BankFileHeader;
  /** Rows [size, dimension], a copy owned by the caller. */
  readonly rows: Float32Array;
  /** The faiss index bytes (may be empty). */
  readonly indexBytes: Uint8Array;
}

/**
 * Serialises a memory bank.
 *
 * @param meta - kind, index string, size and dimension.
 * @param rows - rows [size, dimension].
 * @param indexBytes - faiss's serialised index, or an empty array when rows suffice.
 * @returns the file's bytes.
 */
export function encodeBankFile(
  meta: Pick<BankFileHeader, 'kind' | 'index' | 'size' | 'dimension'>,
  rows: Float32Array,
  indexBytes: Uint8Array,
): Uint8Array {
  const rowBytes = new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength);
  const sha256 = createHash('sha256').update(rowBytes).update(indexBytes).digest('hex');
  const header: BankFileHeader = { ...meta, indexBytes: indexBytes.length, sha256 };
  let json = JSON.stringify(header);
  json += ' '.repeat((4 - (Buffer.byteLength(json) % 4)) % 4);
  const headerBytes = Buffer.from(json, 'utf8');
  const preamble = Buffer.alloc(PREAMBLE_BYTES);
  preamble.write(BANK_FILE_MAGIC, 0, 'latin1');
  preamble.writeUInt32LE(BANK_FILE_VERSION, 8);
  preamble.writeUInt32LE(headerBytes.length, 12);
  return Buffer.concat([preamble, headerBytes, rowBytes, indexBytes]);
}

/**
 * Parses and verifies a memory-bank file.
 *
 * @param path - where the bytes came from (for messages).
 * @param bytes - the whole file.
 * @returns header, rows and faiss index bytes.
 * @throws {@link InvalidFileError} when the file is not a memory-bank file, has another
 *   version, is truncated or too long, or fails its checksum.
 */
export function decodeBankFile(path: string, bytes: Uint8Array): BankFileContents {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = buffer.subarray(0, 8).toString('latin1');
  if (buffer.length < PREAMBLE_BYTES || magic !== BANK_FILE_MAGIC) {
    throw new InvalidFileError(
      path,
      `not a memory-bank file: starts with ${JSON.stringify(magic)}, expected ` +
        `${JSON.stringify(BANK_FILE_MAGIC)} (${buffer.length} bytes in all)`,
    );
  }
  const version = buffer.readUInt32LE(8);
  if (version !== BANK_FILE_VERSION) {
    throw new InvalidFileError(
      path,
      `memory-bank file version ${version}, this build reads ${BANK_FILE_VERSION}`,
    );
  }
  const header = parseHeader(path, buffer, buffer.readUInt32LE(12));
  const rowsStart = PREAMBLE_BYTES + buffer.readUInt32LE(12);
  const rowBytes = header.size * header.dimension * 4;
  const expected = rowsStart + rowBytes + header.indexBytes;
  if (buffer.length !== expected) {
    const state = buffer.length < expected ? 'truncated' : 'longer than its header says';
    throw new InvalidFileError(path, `${state}: ${buffer.length} bytes, expected ${expected}`);
  }
  const payload = buffer.subarray(rowsStart);
  const sha256 = createHash('sha256').update(payload).digest('hex');
  if (sha256 !== header.sha256) {
    throw new InvalidFileError(
      path,
      `checksum mismatch: content ${sha256}, header ${header.sha256}`,
    );
  }
  const rows = new Float32Array(rowBytes / 4);
  new Uint8Array(rows.buffer).set(payload.subarray(0, rowBytes));
  return { header, rows, indexBytes: Uint8Array.from(payload.subarray(rowBytes)) };
}

/**
 * Parses and type-checks the JSON header.
 *
 * @param path - file path for messages.
 * @param buffer - the whole file.
 * @param length - header length in bytes.
 * @returns the header.
 */
function parseHeader(path: string, buffer: Buffer, length: number): BankFileHeader {
  if (PREAMBLE_BYTES + length > buffer.length) {
    throw new InvalidFileError(
      path,
      `truncated: header of ${length} bytes does not fit in ${buffer.length}`,
    );
  }
  let header: Partial<BankFileHeader>;
  try {
    header = JSON.parse(
      buffer.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + length).toString('utf8'),
    ) as Partial<BankFileHeader>;
  } catch (error) {
    throw new InvalidFileError(path, 'header is not valid JSON', { cause: error });
  }
  const counts = [header.size, header.dimension, header.indexBytes];
  if (
    typeof header.kind !== 'string' ||
    typeof header.index !== 'string' ||
    typeof header.sha256 !== 'string' ||
    !counts.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)
  ) {
    throw new InvalidFileError(
      path,
      `header is missing fields or has wrong types: ${JSON.stringify(header)}`,
    );
  }
  return header as BankFileHeader;
}
