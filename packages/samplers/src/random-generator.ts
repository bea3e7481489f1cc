/**
 * The project's own seeded pseudo-random generator: xoshiro128** (Blackman and Vigna, 2018),
 * whose four 32-bit state words are filled by SplitMix32 (a Weyl sequence with step 0x9e3779b9
 * passed through MurmurHash3's 32-bit finaliser) started from `seed` and `stream`.
 *
 * Same seed and stream, same sequence, on every platform: everything is 32-bit integer
 * arithmetic (`Math.imul`, shifts).
 */
export class RandomGenerator {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * @param seed - integer in [0, 2³² − 1].
   * @param stream - integer in [0, 2³² − 1] that picks an independent sequence for the same
   *   seed (the samplers use stream 0 for the projection and 1 for index draws).
   * @throws RangeError when `seed` or `stream` is not an integer in [0, 2³² − 1].
   */
  constructor(seed: number, stream = 0) {
    assertUint32('seed', seed);
    assertUint32('stream', stream);
    let weyl = (seed ^ Math.imul(stream, 0x61c88647)) | 0;
    const next = (): number => {
      weyl = (weyl + 0x9e3779b9) | 0;
      let z = weyl;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /**
   * @returns the next 32-bit output as an unsigned integer in [0, 2³²).
   */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /**
   * @returns a uniform double in the open interval (0, 1): (u + 0.5) / 2³² for the next u.
   */
  nextOpenUnit(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /**
   * Draws an unbiased integer below `bound` (rejection of the incomplete top range).
   *
   * @param bound - integer in [1, 2³²].
   * @returns an integer in [0, bound).
   */
  nextBelow(bound: number): number {
    const limit = 4294967296 - (4294967296 % bound);
    for (;;) {
      const value = this.nextUint32();
      if (value < limit) return value % bound;
    }
  }

  /**
   * Draws `count` distinct integers from [0, population) uniformly without replacement, in
   * draw order (a partial Fisher–Yates shuffle over a sparse map, O(count) memory).
   *
   * @param population - size of the range.
   * @param count - how many to draw, at most `population`.
   * @returns the drawn integers, in draw order.
   */
  sampleDistinct(population: number, count: number): Int32Array {
    const swapped = new Map<number, number>();
    const drawn = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      const pick = k + this.nextBelow(population - k);
      const atPick = swapped.get(pick) ?? pick;
      swapped.set(pick, swapped.get(k) ?? k);
      drawn[k] = atPick;
    }
    return drawn;
  }
}

function rotl(value: number, shift: number): number {
  return (value << shift) | (value >>> (32 - shift));
}

function assertUint32(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`${what} must be an integer in [0, 4294967295], got ${value}`);
  }
}
