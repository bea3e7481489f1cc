/**
 * Marks the border pixels of a binary region: pixels inside it with a 4-neighbour outside it
 * (or on the image edge), grown to `thickness` pixels inward.
 *
 * @param region - [height, width] row-major, non-zero = inside.
 * @param width - image width.
 * @param height - image height.
 * @param thickness - outline width in pixels (at least 1).
 * @returns [height, width] with 1 on the outline, 0 elsewhere.
 * @throws RangeError when `region.length` is not `width * height`.
 */
export function regionOutline(
  region: ArrayLike<number>,
  width: number,
  height: number,
  thickness = 1,
): Uint8Array {
  if (region.length !== width * height) {
    throw new RangeError(
      `region has ${region.length} values, expected width * height = ${width * height}`,
    );
  }
  const outline = new Uint8Array(width * height);
  const inside = Uint8Array.from(region, (v) => (v !== 0 ? 1 : 0));
  for (let pass = 0; pass < Math.max(1, thickness); pass++) {
    const ring = borderOf(inside, width, height);
    for (let i = 0; i < ring.length; i++) {
      if (ring[i] === 1) {
        outline[i] = 1;
        inside[i] = 0;
      }
    }
  }
  return outline;
}

function borderOf(inside: Uint8Array, width: number, height: number): Uint8Array {
  const ring = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (inside[i] === 0) continue;
      const edge = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      if (
        edge ||
        inside[i - 1] === 0 ||
        inside[i + 1] === 0 ||
        inside[i - width] === 0 ||
        inside[i + width] === 0
      ) {
        ring[i] = 1;
      }
    }
  }
  return ring;
}
