import { checkFinite } from './validation.js';

/**
 * A threshold from nominal scores alone: the given percentile of `nominalScores`, linearly
 * interpolated between the two nearest ranks (NumPy's default `percentile`). With prediction
 * score ≥ threshold, about (100 − percentile) % of nominal items are flagged.
 *
 * @param nominalScores - scores of nominal (defect-free) items, e.g. held-out `imageScore`s.
 * @param percentile - in [0, 100]; 99 flags roughly the top 1 % of nominal items.
 * @returns the threshold.
 * @throws RangeError when `nominalScores` is empty or holds a non-finite value, or
 * `percentile` is outside [0, 100].
 * @example
 * ```ts
 * percentileThreshold([1, 2, 3, 4, 5], 90); // 4.6
 * ```
 */
export function percentileThreshold(nominalScores: ArrayLike<number>, percentile: number): number {
  if (!(percentile >= 0 && percentile <= 100)) {
    throw new RangeError(`percentile must lie in [0, 100], got ${percentile}`);
  }
  if (nominalScores.length === 0) {
    throw new RangeError('percentileThreshold needs at least one nominal score, got none');
  }
  checkFinite('nominalScores', nominalScores);
  const sorted = Float64Array.from(nominalScores).sort();
  const position = ((sorted.length - 1) * percentile) / 100;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const lower = sorted[below] as number;
  return lower + ((sorted[above] as number) - lower) * (position - below);
}
