import { describe, expect, it } from 'vitest';
import { countNoun } from '../src/output/count-noun.js';

describe('countNoun', () => {
  it.each([
    [0, '0 training images'],
    [1, '1 training image'],
    [209, '209 training images'],
  ])('gives the noun its number when the count is %i', (count, expected) => {
    expect(countNoun(count, 'training image')).toBe(expected);
  });

  it('uses the given plural when the noun is irregular', () => {
    expect(countNoun(2, 'index', 'indices')).toBe('2 indices');
  });
});
