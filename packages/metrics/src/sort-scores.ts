import type { SortedScores } from './score-split.js';

const RADIX_BITS = 11;
const BUCKETS = 1 << RADIX_BITS;
const PASSES = 3; // 11 + 11 + 10 bits cover a 32-bit key
/** Below this length the built-in sort is as fast and allocates nothing. */
const RADIX_MIN_LENGTH = 4096;

/**
 * Sorts finite scores ascending in place. A `Float32Array` of many values goes through an
 * LSD radix sort on order-preserving 32-bit keys (three passes, one scratch array of the same
 * size), about 5× faster than the built-in comparison sort at 4 M pixels; a `Float64Array` uses
 * the built-in sort. -0 sorts just before +0; the two compare equal, so ties stay adjacent.
 *
 * @param values - finite scores (NaN must have been rejected before).
 * @returns `values`, sorted.
 * @internal
 */
export function sortScores<T extends SortedScores>(values: T): T {
  if (values instanceof Float64Array || values.length < RADIX_MIN_LENGTH) {
    values.sort();
    return values;
  }
  const keys = new Uint32Array(values.buffer, values.byteOffset, values.length);
  // Flip all bits of negatives, only the sign bit of positives: unsigned order = float order.
  for (let i = 0; i < keys.length; i++) {
    const bits = keys[i] as number;
    keys[i] = bits & 0x80000000 ? ~bits : bits | 0x80000000;
  }
  const sorted = radixSort(keys);
  for (let i = 0; i < keys.length; i++) {
    const key = sorted[i] as number;
    keys[i] = key & 0x80000000 ? key & 0x7fffffff : ~key;
  }
  return values;
}

/** Sorts unsigned keys; returns the array holding the result (`keys` or the scratch array). */
function radixSort(keys: Uint32Array): Uint32Array {
  const counts = new Uint32Array(BUCKETS * PASSES);
  const mask = BUCKETS - 1;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    const low = key & mask;
    const middle = BUCKETS + ((key >>> RADIX_BITS) & mask);
    const high = 2 * BUCKETS + (key >>> (2 * RADIX_BITS));
    counts[low] = (counts[low] as number) + 1;
    counts[middle] = (counts[middle] as number) + 1;
    counts[high] = (counts[high] as number) + 1;
  }
  let from: Uint32Array = keys;
  let to: Uint32Array = new Uint32Array(keys.length);
  for (let pass = 0; pass < PASSES; pass++) {
    const offsets = counts.subarray(pass * BUCKETS, (pass + 1) * BUCKETS);
    let running = 0;
    for (let digit = 0; digit < BUCKETS; digit++) {
      const count = offsets[digit] as number;
      offsets[digit] = running;
      running += count;
    }
    const shift = pass * RADIX_BITS;
    for (let i = 0; i < from.length; i++) {
      const key = from[i] as number;
      const digit = (key >>> shift) & mask;
      const slot = offsets[digit] as number;
      to[slot] = key;
      offsets[digit] = slot + 1;
    }
    [from, to] = [to, from];
  }
  return from;
}
