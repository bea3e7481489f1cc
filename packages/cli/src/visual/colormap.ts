/**
 * The heat-map colormap: a "jet"-style ramp (dark blue → blue → cyan → yellow → red → dark
 * red), written here from its piecewise-linear definition. For t in [0, 1]:
 * red = clamp(1.5 − |4t − 3|), green = clamp(1.5 − |4t − 2|), blue = clamp(1.5 − |4t − 1|),
 * each clamped to [0, 1] and scaled to 0–255. Sampled once into a 256-entry table.
 */
export const HEAT_COLORMAP: Uint8Array = buildJetTable();

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function buildJetTable(): Uint8Array {
  const table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    table[i * 3] = Math.round(255 * clampUnit(1.5 - Math.abs(4 * t - 3)));
    table[i * 3 + 1] = Math.round(255 * clampUnit(1.5 - Math.abs(4 * t - 2)));
    table[i * 3 + 2] = Math.round(255 * clampUnit(1.5 - Math.abs(4 * t - 1)));
  }
  return table;
}

/**
 * Colour of a normalised score.
 *
 * @param value - a score in [0, 1]; values outside are clamped, NaN counts as 0.
 * @returns `[red, green, blue]`, each 0–255.
 */
export function heatColor(value: number): [number, number, number] {
  const index = Number.isNaN(value) ? 0 : Math.round(clampUnit(value) * 255);
  return [
    HEAT_COLORMAP[index * 3] ?? 0,
    HEAT_COLORMAP[index * 3 + 1] ?? 0,
    HEAT_COLORMAP[index * 3 + 2] ?? 0,
  ];
}
