import { describe, expect, it } from 'vitest';
import { createHostMatrix, isHostMatrix, matrixRow, ShapeMismatchError } from '../src/index.js';

describe('createHostMatrix', () => {
  it('wraps data without copying when the length matches', () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const matrix = createHostMatrix(data, 2, 3);
    expect(matrix.data).toBe(data);
    expect(Array.from(matrixRow(matrix, 1))).toEqual([4, 5, 6]);
  });

  it('throws ShapeMismatchError naming both lengths when the length is wrong', () => {
    expect(() => createHostMatrix(new Float32Array(5), 2, 3)).toThrow(ShapeMismatchError);
    expect(() => createHostMatrix(new Float32Array(5), 2, 3)).toThrow(/expected \[6\], got \[5\]/);
  });

  it('rejects negative and fractional sizes', () => {
    expect(() => createHostMatrix(new Float32Array(0), -1, 0)).toThrow(RangeError);
    expect(() => createHostMatrix(new Float32Array(0), 0, 1.5)).toThrow(/dims/);
  });
});

describe('isHostMatrix', () => {
  it('accepts host matrices and rejects other values', () => {
    expect(isHostMatrix(createHostMatrix(new Float32Array(2), 1, 2))).toBe(true);
    expect(isHostMatrix({ data: [1, 2], rows: 1, dims: 2 })).toBe(false);
    expect(isHostMatrix(null)).toBe(false);
  });
});
