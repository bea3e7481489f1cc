import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InvalidFileError } from '@patchcore/core';
import type { ImageSample, Label } from '@patchcore/core';

/** The fields a manifest entry may have; `path` is required. */
export const MANIFEST_FIELDS: readonly string[] = Object.freeze([
  'path',
  'label',
  'mask',
  'defectType',
]);

/** One manifest entry before validation: field name to raw value. */
type RawEntry = Readonly<Record<string, unknown>>;

/** Options of {@link loadManifest}. */
export interface ManifestOptions {
  /**
   * Check that every image and mask file exists (one `stat` each).
   *
   * @defaultValue true
   */
  readonly checkFiles?: boolean;
}

/**
 * Reads a manifest listing images, labels and masks, as a `.csv` file (a header row naming the
 * columns, then one row per image) or a `.json` file (an array of objects, or an object whose
 * `samples` is one). Fields: `path` (required), `label` (0/1 or `nominal`/`anomalous`, may be
 * empty), `mask`, `defectType`. Relative paths are relative to the manifest's folder. Samples
 * keep the manifest's order. A `mask` without a label implies label 1.
 *
 * @param path - the manifest file.
 * @param options - whether to check that the listed files exist.
 * @returns one sample per entry, with absolute paths.
 * @throws {@link InvalidFileError} naming the manifest and the entry when the file cannot be
 * read or parsed, a column is unknown, a value is invalid, or a listed file is missing.
 * @example
 * ```ts
 * // samples.csv:
 * // path,label,mask
 * // images/001.png,0,
 * // images/002.png,1,masks/002_mask.png
 * const samples = await loadManifest('samples.csv');
 * ```
 */
export async function loadManifest(
  path: string,
  options: ManifestOptions = {},
): Promise<ImageSample[]> {
  const manifestPath = resolve(path);
  const format = extname(manifestPath).toLowerCase();
  if (format !== '.csv' && format !== '.json') {
    throw new InvalidFileError(
      manifestPath,
      `a manifest must end in .csv or .json, got '${format}'`,
    );
  }
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (error) {
    throw new InvalidFileError(manifestPath, 'cannot be read', { cause: error });
  }
  const entries = format === '.csv' ? parseCsv(manifestPath, text) : parseJson(manifestPath, text);
  if (entries.length === 0) throw new InvalidFileError(manifestPath, 'lists no image');
  const samples = entries.map((entry, i) => toSample(manifestPath, entry, i + 1));
  if (options.checkFiles ?? true) await checkFilesExist(manifestPath, samples);
  return samples;
}

function parseCsv(manifestPath: string, text: string): RawEntry[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new InvalidFileError(manifestPath, 'is not valid CSV', { cause: error });
  }
  const [header, ...body] = rows;
  if (header === undefined) return [];
  checkFields(manifestPath, header, 'column');
  return body.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

function parseJson(manifestPath: string, text: string): RawEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidFileError(manifestPath, 'is not valid JSON', { cause: error });
  }
  const list = Array.isArray(data) ? data : (data as { samples?: unknown } | null)?.samples;
  if (!Array.isArray(list)) {
    throw new InvalidFileError(
      manifestPath,
      'must hold an array of entries or { "samples": [...] }',
    );
  }
  return list.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new InvalidFileError(manifestPath, `entry ${i + 1} is not an object`);
    }
    checkFields(manifestPath, Object.keys(entry), `entry ${i + 1}: field`);
    return entry as RawEntry;
  });
}

function checkFields(manifestPath: string, names: readonly string[], what: string): void {
  const unknown = names.find((name) => !MANIFEST_FIELDS.includes(name));
  if (unknown !== undefined) {
    throw new InvalidFileError(
      manifestPath,
      `${what} '${unknown}' is unknown; known: ${MANIFEST_FIELDS.join(', ')}`,
    );
  }
  if (what === 'column' && !names.includes('path')) {
    throw new InvalidFileError(manifestPath, `has no 'path' column (columns: ${names.join(', ')})`);
  }
}

function toSample(manifestPath: string, entry: RawEntry, index: number): ImageSample {
  const where = `entry ${index}`;
  const imagePath = optionalString(manifestPath, entry, 'path', where);
  if (imagePath === undefined) throw new InvalidFileError(manifestPath, `${where} has no path`);
  const maskPath = optionalString(manifestPath, entry, 'mask', where);
  const defectType = optionalString(manifestPath, entry, 'defectType', where);
  let label = parseLabel(manifestPath, entry['label'], where);
  if (maskPath !== undefined && label === 0) {
    throw new InvalidFileError(manifestPath, `${where} is labelled nominal but has a mask`);
  }
  if (maskPath !== undefined) label = 1;
  const base = dirname(manifestPath);
  return {
    path: resolveFrom(base, imagePath),
    ...(label === undefined ? {} : { label }),
    ...(maskPath === undefined ? {} : { maskPath: resolveFrom(base, maskPath) }),
    ...(defectType === undefined ? {} : { defectType }),
  };
}

function optionalString(
  manifestPath: string,
  entry: RawEntry,
  field: string,
  where: string,
): string | undefined {
  const value = entry[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new InvalidFileError(
      manifestPath,
      `${where}: ${field} must be a string, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

const LABELS: ReadonlyMap<unknown, Label> = new Map<unknown, Label>([
  [0, 0],
  [1, 1],
  ['0', 0],
  ['1', 1],
  ['nominal', 0],
  ['anomalous', 1],
]);

function parseLabel(manifestPath: string, value: unknown, where: string): Label | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const label = LABELS.get(value);
  if (label === undefined) {
    throw new InvalidFileError(
      manifestPath,
      `${where}: label must be 0, 1, 'nominal' or 'anomalous', got ${JSON.stringify(value)}`,
    );
  }
  return label;
}

function resolveFrom(base: string, path: string): string {
  return isAbsolute(path) ? path : resolve(base, path);
}

async function checkFilesExist(
  manifestPath: string,
  samples: readonly ImageSample[],
): Promise<void> {
  for (const [i, sample] of samples.entries()) {
    for (const file of [sample.path, sample.maskPath]) {
      if (file === undefined) continue;
      const isFile = await stat(file).then(
        (s) => s.isFile(),
        () => false,
      );
      if (!isFile) {
        throw new InvalidFileError(
          file,
          `listed in ${manifestPath} (entry ${i + 1}) does not exist`,
        );
      }
    }
  }
}
