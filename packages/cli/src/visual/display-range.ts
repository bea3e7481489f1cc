/** The score range used to colour anomaly maps: one min and one max over a whole set. */
export interface DisplayRange {
  /** Smallest score; maps to colour 0. */
  readonly min: number;
  /** Largest score; maps to colour 1. */
  readonly max: number;
}

/**
 * Finds the min and max over every value of every map (SPEC §5.3: one min and one max over
 * the test set, for display only).
 *
 * @param maps - anomaly maps (any sizes).
 * @returns the range; `{ min: 0, max: 0 }` when there are no values.
 */
export function computeDisplayRange(maps: Iterable<ArrayLike<number>>): DisplayRange {
  let min = Infinity;
  let max = -Infinity;
  for (const map of maps) {
    for (let i = 0; i < map.length; i++) {
      const value = map[i] ?? 0;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}

/**
 * Scales a score into [0, 1] with a {@link DisplayRange}; a constant set (max = min) maps to 0.
 *
 * @param value - a raw score.
 * @param range - the set's range.
 * @returns the scaled score, clamped to [0, 1].
 */
export function normalizeForDisplay(value: number, range: DisplayRange): number {
  const span = range.max - range.min;
  if (!(span > 0)) return 0;
  return Math.min(1, Math.max(0, (value - range.min) / span));
}
