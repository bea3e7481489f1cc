import { basename, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMvtecCategory } from '../src/index.js';

// The committed sample category (examples/sample-data/grass) that the quickstart uses.
const grass = resolve(import.meta.dirname, '../../../examples/sample-data/grass');

describe('the embedded sample category', () => {
  it('loads as an MVTec category with 11 training and 13 test images, 9 with masks', async () => {
    const category = await loadMvtecCategory(grass);
    expect(category.category).toBe('grass');
    expect(category.train).toHaveLength(11);
    expect(category.defectTypes).toEqual(['brick', 'gravel', 'scratch']);
    expect(category.test.map((s) => s.defectType)).toEqual([
      ...Array<string>(3).fill('brick'),
      ...Array<string>(4).fill('good'),
      ...Array<string>(3).fill('gravel'),
      ...Array<string>(3).fill('scratch'),
    ]);
    const masked = category.test.filter((s) => s.maskPath !== undefined);
    expect(masked).toHaveLength(9);
    for (const sample of masked) {
      expect(basename(sample.maskPath!)).toBe(basename(sample.path, '.png') + '_mask.png');
    }
  });
});
