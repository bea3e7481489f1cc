/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same inputs on
 * every machine, so benchmark runs compare like with like.
 */
export class SeededRandom {
  private state: number;

  /**
   * @param seed - any integer; only its low 32 bits are used.
   */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * The next value, uniform in [0, 1).
   *
   * @returns the value.
   */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * The next value of a standard normal distribution (Box–Muller).
   *
   * @returns the value.
   */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /**
   * `count` distinct integers drawn from [0, range), in ascending order.
   *
   * @param count - how many, at most `range`.
   * @param range - the exclusive upper bound.
   * @returns the indices.
   * @throws RangeError when `count` exceeds `range`.
   */
  sampleIndices(count: number, range: number): Int32Array {
    if (count > range) {
      throw new RangeError(`cannot draw ${count} distinct indices from a range of ${range}`);
    }
    // Partial Fisher–Yates over an identity permutation.
    const permutation = new Int32Array(range);
    for (let i = 0; i < range; i++) permutation[i] = i;
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.next() * (range - i));
      const swap = permutation[i] as number;
      permutation[i] = permutation[j] as number;
      permutation[j] = swap;
    }
    return permutation.slice(0, count).sort();
  }
}
