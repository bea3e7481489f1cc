import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertFinite,
  assertIntegerInRange,
  NonFiniteValueError,
  writeFileAtomic,
} from '../src/index.js';

describe('assertFinite', () => {
  it.each([NaN, Infinity, -Infinity])('throws naming the index when a value is %s', (bad) => {
    const values = new Float32Array([0, 1, bad, 3]);
    expect(() => assertFinite('features', values)).toThrow(NonFiniteValueError);
    expect(() => assertFinite('features', values)).toThrow(/features holds .* at flat index 2/);
  });

  it('accepts finite values', () => {
    expect(() => assertFinite('features', new Float32Array([0, -1e30, 1e30]))).not.toThrow();
  });
});

describe('assertIntegerInRange', () => {
  it('throws RangeError naming the parameter and value when out of range', () => {
    expect(() => assertIntegerInRange('k', 0, 1, 5)).toThrow(
      'k must be an integer in [1, 5], got 0',
    );
    expect(() => assertIntegerInRange('k', 2.5, 1, 5)).toThrow(RangeError);
    expect(() => assertIntegerInRange('k', 5, 1, 5)).not.toThrow();
  });
});

describe('writeFileAtomic', () => {
  it('writes the file and leaves no temporary file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'patchcore-core-'));
    await writeFileAtomic(join(dir, 'a.json'), '{"x":1}');
    await writeFileAtomic(join(dir, 'a.json'), '{"x":2}');
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('{"x":2}');
    expect(await readdir(dir)).toEqual(['a.json']);
  });
});
