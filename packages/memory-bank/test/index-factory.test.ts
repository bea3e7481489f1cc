import { InvalidConfigError } from '@patchcore/core';
import { describe, expect, it } from 'vitest';
import { indexRequirements } from '../src/index-factory.js';

describe('indexRequirements', () => {
  it.each([
    ['Flat', 'Flat', true, 1, 1],
    [' IVF512,PQ64 ', 'IVF512,PQ64np', false, 512, 64],
    ['IVF512,PQ64x4', 'IVF512,PQ64x4np', false, 512, 64],
    ['IVF256,PQ32np', 'IVF256,PQ32np', false, 256, 32],
    ['PQ16', 'PQ16', false, 256, 16],
    ['HNSW32', 'HNSW32', false, 1, 1],
    ['IVF100,Flat', 'IVF100,Flat', false, 100, 1],
  ])(
    'reads %s as %s (exact %s, ≥ %i rows, D multiple of %i)',
    (input, description, exact, rows, multiple) => {
      expect(indexRequirements(input)).toEqual({
        description,
        exact,
        minimumRows: rows,
        dimensionMultiple: multiple,
      });
    },
  );

  it.each(['', 'IDMap,Flat', 'IDMap2,HNSW32', 'PCA64,Flat', 'OPQ16_64,IVF256,PQ16'])(
    'throws InvalidConfigError when the index is %j',
    (input) => {
      expect(() => indexRequirements(input)).toThrow(InvalidConfigError);
    },
  );
});
