/** Where the time of one {@link FaissMemoryBank.search} call went, in milliseconds. */
export interface SearchTimings {
  /** `'typed'`: Float32Array handed over in place; `'array'`: converted to a plain array. */
  readonly boundary: 'typed' | 'array';
  /** Input checks in JavaScript (shape, k, finiteness). */
  readonly validateMs: number;
  /** Building the addon's input (`Array.from` in `'array'` mode, nothing in `'typed'` mode). */
  readonly convertInMs: number;
  /**
   * The addon call. In `'array'` mode this includes the addon's own element-by-element read of
   * the plain array, which cannot be timed separately from outside.
   */
  readonly nativeMs: number;
  /**
   * Turning the addon's output into `Float32Array` / `Int32Array`, plus any -1 slot repair and,
   * for `'Flat'`, the direct-difference recomputation of the k distances.
   */
  readonly convertOutMs: number;
}
