import { describe, expect, it } from 'vitest';
import { labelConnectedComponents } from '../src/index.js';

describe('labelConnectedComponents', () => {
  it('joins diagonal neighbours into one region', () => {
    const result = labelConnectedComponents({ data: [1, 0, 1, 0, 1, 0], width: 3, height: 2 });
    expect(result.count).toBe(1);
    expect([...result.labels]).toEqual([1, 0, 1, 0, 1, 0]);
    expect([...result.sizes]).toEqual([0, 3]);
  });

  it('numbers separate regions in row-major order of their first pixel', () => {
    // 0 1 0 0 1
    // 0 1 0 0 0
    // 0 0 0 1 1
    const data = [0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1];
    const result = labelConnectedComponents({ data, width: 5, height: 3 });
    expect(result.count).toBe(3);
    expect([...result.labels]).toEqual([0, 1, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 3, 3]);
    expect([...result.sizes]).toEqual([0, 2, 1, 2]);
  });

  it('does not wrap around the right edge into the next row', () => {
    // 0 0 1
    // 1 0 0   pixel (2, 0) and pixel (0, 1) are adjacent in memory, not on the grid.
    const result = labelConnectedComponents({ data: [0, 0, 1, 1, 0, 0], width: 3, height: 2 });
    expect(result.count).toBe(2);
  });

  it('finds no region when the mask is empty', () => {
    expect(labelConnectedComponents({ data: new Uint8Array(9), width: 3, height: 3 }).count).toBe(
      0,
    );
  });

  it('throws naming the sizes when they do not match the data length', () => {
    expect(() => labelConnectedComponents({ data: [1, 0, 1], width: 2, height: 2 })).toThrow(
      /mask is 2x2 but holds 3 values/,
    );
  });
});
