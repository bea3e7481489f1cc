import { readFile } from 'node:fs/promises';
import { InvalidFileError } from '@patchcore/core';
import sharp, { type OutputInfo } from 'sharp';

/** An image or a file holding one: a path, or the encoded bytes. */
export type ImageSource = string | Uint8Array;

/** A decoded 8-bit image, interleaved row-major. */
export interface DecodedImage {
  /** [height, width, channels] bytes. */
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** 3 (RGB) or 1 (grey). */
  readonly channels: 1 | 3;
}

/**
 * Decodes PNG, JPEG, TIFF or WebP (8 or 16 bit; grey, grey+alpha, RGB, RGBA, palette) with
 * sharp: EXIF orientation applied, alpha dropped (not composited, like Pillow's `convert`),
 * embedded ICC profiles ignored (Pillow ignores them too), 16-bit samples reduced to their high
 * byte (v \>\> 8, Pillow's rule for 16-bit RGB).
 *
 * @remarks For 16-bit greyscale Pillow 9.4 would instead clip every value above 255 to 255,
 * which saturates almost any real image; this port takes the high byte there too. `'grey'`
 * mode on a colour image uses libvips's luminance, not Pillow's 0.299/0.587/0.114 weights
 * (masks are grey already, so it does not matter for them).
 *
 * @param source - file path or encoded bytes.
 * @param mode - `'rgb'`: three channels, grey copied into R, G and B; `'grey'`: one channel.
 * @param name - how to name the source in errors when it is a buffer. @defaultValue '\<buffer\>'
 * @returns the decoded pixels.
 * @throws {@link InvalidFileError} naming the file when it is missing, empty, truncated,
 * corrupt or not an image.
 */
export async function decodeImage(
  source: ImageSource,
  mode: 'rgb' | 'grey',
  name = '<buffer>',
): Promise<DecodedImage> {
  const label = typeof source === 'string' ? source : name;
  const bytes = typeof source === 'string' ? await readBytes(source) : source;
  if (bytes.length === 0) throw new InvalidFileError(label, 'the file is empty, not an image');
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    const image = sharp(bytes, { autoOrient: true, ignoreIcc: true, failOn: 'error' });
    // libvips turns 16-bit grey into sRGB by v >> 8 but into 8-bit b-w by v / 257 (rounded), so
    // grey inputs go through sRGB in both modes and get the high byte; only colour inputs in
    // 'grey' mode use libvips's luminance.
    const greyInput = mode === 'grey' && ((await image.metadata()).channels ?? 3) <= 2;
    decoded = await image
      .removeAlpha()
      .toColourspace(mode === 'rgb' || greyInput ? 'srgb' : 'b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidFileError(label, `cannot decode the image (${reason})`, { cause: error });
  }
  const { data, info } = decoded;
  const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const wanted = mode === 'rgb' ? 3 : 1;
  return {
    pixels: info.channels === wanted ? pixels : selectChannels(pixels, info.channels, wanted),
    width: info.width,
    height: info.height,
    channels: wanted,
  };
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidFileError(path, `cannot read the file (${reason})`, { cause: error });
  }
}

/** Copies grey into three channels, or keeps the first channel of a multi-channel image. */
function selectChannels(pixels: Uint8Array, from: number, to: 1 | 3): Uint8Array {
  const count = pixels.length / from;
  const out = new Uint8Array(count * to);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < to; c++)
      out[i * to + c] = pixels[i * from + (from === 1 ? 0 : c)] as number;
  }
  return out;
}
