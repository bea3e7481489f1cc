// Slow, obviously-correct reference implementations for cross-checking the fast metrics.

/** AUROC by its pair definition: P(s⁺ \> s⁻) + ½·P(s⁺ = s⁻). */
export function pairwiseAuroc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      if (scores[i]! > scores[j]!) sum += 1;
      else if (scores[i] === scores[j]) sum += 0.5;
    }
  }
  return sum / pairs;
}

/** A small seeded generator (mulberry32) for reproducible random test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * AUPRO straight from the MVTec definition: for each distinct score t (descending), predict
 * score ≥ t, compute FPR and the mean region overlap directly, integrate by trapezoids up to
 * the limit with linear interpolation, divide by the limit. `regions[i]` is pixel i's region
 * id (0 = nominal), precomputed by hand.
 */
export function bruteForceAupro(
  scores: readonly number[],
  regions: readonly number[],
  limit: number,
): number {
  const ids = [...new Set(regions.filter((r) => r > 0))];
  const negatives = regions.filter((r) => r === 0).length;
  const thresholds = [...new Set(scores)].sort((a, b) => b - a);
  const points: [number, number][] = [[0, 0]];
  for (const t of thresholds) {
    let fp = 0;
    for (let i = 0; i < scores.length; i++) if (regions[i] === 0 && scores[i]! >= t) fp++;
    let pro = 0;
    for (const id of ids) {
      let hit = 0;
      let size = 0;
      for (let i = 0; i < scores.length; i++) {
        if (regions[i] !== id) continue;
        size++;
        if (scores[i]! >= t) hit++;
      }
      pro += hit / size / ids.length;
    }
    points.push([fp / negatives, pro]);
  }
  let area = 0;
  for (let k = 1; k < points.length; k++) {
    const [x0, y0] = points[k - 1]!;
    const [x1, y1] = points[k]!;
    if (x1 >= limit) {
      const y = x1 === x0 ? y1 : y0 + ((y1 - y0) * (limit - x0)) / (x1 - x0);
      return (area + ((limit - x0) * (y0 + y)) / 2) / limit;
    }
    area += ((x1 - x0) * (y0 + y1)) / 2;
  }
  return area / limit;
}
