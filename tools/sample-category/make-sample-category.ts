// Builds the project's embedded sample category, a small MVTec AD-layout dataset made only
// from the CC0 textures in shared/data/textures: nominal grass crops for training, held-out
// grass crops for testing, and three synthetic defect types with exact binary masks.
//
//   npx tsx tools/sample-category/make-sample-category.ts [--textures DIR] [--out DIR]
//
// Defaults: --textures ../shared/data/textures (beside the repository), --out
// examples/sample-data/grass. The output's train/, test/, ground_truth/ and provenance.csv are
// replaced, other files (README.md) kept. The result is deterministic: the same sources and
// sharp version give byte-identical files.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

const SIZE = 256; // side of every output image, as the MVTec copies in shared/data
const SOURCE_SIZE = 512; // side of each texture source
const TRAIN_COUNT = 11;
const TEST_COUNT = 13; // 4 nominal + 3 defect types × 3
const DEFECT_TYPES = ['brick', 'gravel', 'scratch'] as const;
type DefectType = (typeof DEFECT_TYPES)[number];

/** A grey image, one byte per pixel, row-major. */
interface Grey {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** One written test image and how it was made, for provenance.csv. */
interface Provenance {
  readonly file: string;
  readonly sourceX: number;
  readonly sourceY: number;
  readonly defect: string;
}

/** mulberry32: a tiny seeded generator, so every run draws the same defects. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function readGrey(path: string, size = SOURCE_SIZE): Promise<Grey> {
  const { data, info } = await sharp(path)
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== size || info.height !== size) {
    throw new Error(`${path}: expected ${size}x${size}, got ${info.width}x${info.height}`);
  }
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

/** Enlarges a grey image by an integer factor (sharp's default Lanczos-3 kernel). */
async function upscale(image: Grey, factor: number): Promise<Grey> {
  const width = image.width * factor;
  const height = image.height * factor;
  const data = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .resize(width, height)
    .extractChannel(0)
    .raw()
    .toBuffer();
  return { data: new Uint8Array(data), width, height };
}

function crop(source: Grey, left: number, top: number): Grey {
  const data = new Uint8Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) {
    const from = (top + y) * source.width + left;
    data.set(source.data.subarray(from, from + SIZE), y * SIZE);
  }
  return { data, width: SIZE, height: SIZE };
}

async function writePng(path: string, image: Grey): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const png = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .toColourspace('b-w') // 8-bit grey PNG (colour type 0), as the texture crops and MVTec masks
    .png({ compressionLevel: 9, adaptiveFiltering: true })
    .toBuffer();
  await writeFile(path, png);
}

/** A blob: a circle whose radius wobbles with the angle (three random harmonics). */
function blobMask(random: () => number, radius: number): Uint8Array {
  const mask = new Uint8Array(SIZE * SIZE);
  // Centre in [80, 176] and radius ≤ 36 · 1.6 keep the blob inside the central 224×224 crop
  // (pixels 16 to 239) that the default preprocessing keeps.
  const cx = 80 + random() * 96;
  const cy = 80 + random() * 96;
  const harmonics = [2, 3, 5].map((k, i) => ({
    k,
    amplitude: [0.22, 0.12, 0.06][i]! * (0.5 + random()),
    phase: random() * 2 * Math.PI,
  }));
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const angle = Math.atan2(dy, dx);
      const wobble = harmonics.reduce(
        (s, h) => s + h.amplitude * Math.sin(h.k * angle + h.phase),
        0,
      );
      if (Math.hypot(dx, dy) <= radius * (1 + wobble)) mask[y * SIZE + x] = 1;
    }
  }
  return mask;
}

/** A scratch: a bright curved stroke (quadratic Bézier) a few pixels wide. */
function scratchMask(random: () => number): Uint8Array {
  const mask = new Uint8Array(SIZE * SIZE);
  const angle = random() * Math.PI;
  const length = 90 + random() * 60;
  const mx = 100 + random() * 56;
  const my = 100 + random() * 56;
  const [x0, y0] = [mx - (Math.cos(angle) * length) / 2, my - (Math.sin(angle) * length) / 2];
  const [x2, y2] = [mx + (Math.cos(angle) * length) / 2, my + (Math.sin(angle) * length) / 2];
  const bend = (random() - 0.5) * 60;
  const [x1, y1] = [mx - Math.sin(angle) * bend, my + Math.cos(angle) * bend];
  const halfWidth = 3 + random();
  for (let step = 0; step <= 400; step++) {
    const t = step / 400;
    const px = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * x1 + t ** 2 * x2;
    const py = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * y1 + t ** 2 * y2;
    for (let y = Math.floor(py - 3); y <= Math.ceil(py + 3); y++) {
      for (let x = Math.floor(px - 3); x <= Math.ceil(px + 3); x++) {
        if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) continue;
        if (Math.hypot(x + 0.5 - px, y + 0.5 - py) <= halfWidth) mask[y * SIZE + x] = 1;
      }
    }
  }
  return mask;
}

/** Applies one defect to a nominal crop in place and returns its mask (1 = defect). */
function addDefect(
  image: Grey,
  type: DefectType,
  textures: Readonly<Record<'brick' | 'gravel', Grey>>,
  random: () => number,
): Uint8Array {
  if (type === 'scratch') {
    const mask = scratchMask(random);
    mask.forEach((m, i) => {
      if (m === 1) image.data[i] = Math.round(215 + random() * 30);
    });
    return mask;
  }
  // A foreign texture pasted with a hard edge, from a random place in its 512×512 source.
  // Gravel comes at twice its photo's scale and lightened (pale pebbles on the lawn): at its
  // own scale and brightness it hides among the grass blades and leaves.
  const mask = blobMask(random, type === 'gravel' ? 28 + random() * 8 : 24 + random() * 12);
  const source = textures[type];
  const room = source.width - SIZE;
  const patch = crop(source, Math.floor(random() * room), Math.floor(random() * room));
  const tone =
    type === 'gravel' ? (v: number) => Math.min(255, Math.round(0.9 * v + 55)) : (v: number) => v;
  mask.forEach((m, i) => {
    if (m === 1) image.data[i] = tone(patch.data[i]!);
  });
  return mask;
}

/**
 * Reads every written image back and checks it against its source crop: nominal images are
 * unchanged, and a defect image differs only inside its mask (and somewhere inside it).
 */
async function verify(out: string, grass: Grey, provenance: readonly Provenance[]): Promise<void> {
  for (const { file, sourceX, sourceY, defect } of provenance) {
    const written = await readGrey(join(out, file), SIZE);
    const original = crop(grass, sourceX, sourceY);
    const maskFile = file.replace(/^test\/([^/]+)\/(\d+)\.png$/, 'ground_truth/$1/$2_mask.png');
    const mask =
      defect === ''
        ? new Uint8Array(SIZE * SIZE)
        : (await readGrey(join(out, maskFile), SIZE)).data;
    let changedInside = 0;
    for (let i = 0; i < mask.length; i++) {
      if (mask[i] !== 0 && mask[i] !== 255)
        throw new Error(`${maskFile}: value ${mask[i]} at ${i}`);
      const changed = written.data[i] !== original.data[i];
      if (changed && mask[i] === 0) throw new Error(`${file}: pixel ${i} changed outside the mask`);
      if (changed) changedInside++;
    }
    if (defect !== '' && changedInside === 0)
      throw new Error(`${file}: the defect changed nothing`);
  }
}

const fileName = (i: number) => `${String(i).padStart(3, '0')}.png`;

/**
 * Train: the left half of the grass photo (x in [0, 256)), 11 crops shifted down in steps of
 * 25.6 px. Test (see writeTest): the right half (x in [256, 512)), which no training crop touches.
 */
async function writeTrain(out: string, grass: Grey): Promise<Provenance[]> {
  const provenance: Provenance[] = [];
  for (let i = 0; i < TRAIN_COUNT; i++) {
    const top = Math.round((i * (SOURCE_SIZE - SIZE)) / (TRAIN_COUNT - 1));
    await writePng(join(out, 'train/good', fileName(i)), crop(grass, 0, top));
    provenance.push({ file: `train/good/${fileName(i)}`, sourceX: 0, sourceY: top, defect: '' });
  }
  return provenance;
}

/** 13 crops of the right half; positions cycle good, brick, gravel, scratch. */
async function writeTest(
  out: string,
  grass: Grey,
  textures: Readonly<Record<'brick' | 'gravel', Grey>>,
): Promise<Provenance[]> {
  const provenance: Provenance[] = [];
  const random = seededRandom(20261203);
  const counters = new Map<string, number>();
  for (let i = 0; i < TEST_COUNT; i++) {
    const top = Math.round((i * (SOURCE_SIZE - SIZE)) / (TEST_COUNT - 1));
    const image = crop(grass, SIZE, top);
    const type = i % 4 === 0 ? 'good' : DEFECT_TYPES[(i % 4) - 1]!;
    const index = counters.get(type) ?? 0;
    counters.set(type, index + 1);
    if (type !== 'good') {
      const mask = addDefect(image, type, textures, random);
      const maskPath = join(out, 'ground_truth', type, `${fileName(index).slice(0, 3)}_mask.png`);
      await writePng(maskPath, { data: mask.map((m) => m * 255), width: SIZE, height: SIZE });
    }
    const file = `test/${type}/${fileName(index)}`;
    await writePng(join(out, file), image);
    provenance.push({ file, sourceX: SIZE, sourceY: top, defect: type === 'good' ? '' : type });
  }
  return provenance;
}

async function main(): Promise<void> {
  const repository = resolve(import.meta.dirname, '../..');
  const { values } = parseArgs({
    options: {
      textures: { type: 'string', default: resolve(repository, '../shared/data/textures') },
      out: { type: 'string', default: join(repository, 'examples/sample-data/grass') },
    },
  });
  const sources = resolve(values.textures, '_sources');
  const out = resolve(values.out);
  const grass = await readGrey(join(sources, 'grass.png'));
  const textures = {
    brick: await readGrey(join(sources, 'brick.png')),
    gravel: await upscale(await readGrey(join(sources, 'gravel.png')), 2),
  };
  // Replace what this script writes; keep anything else (the folder's README.md).
  for (const part of ['train', 'test', 'ground_truth', 'provenance.csv']) {
    await rm(join(out, part), { recursive: true, force: true });
  }
  const provenance = [
    ...(await writeTrain(out, grass)),
    ...(await writeTest(out, grass, textures)),
  ];
  await verify(out, grass, provenance);
  const rows = provenance.map((p) => `${p.file},grass.png,${p.sourceX},${p.sourceY},${p.defect}`);
  await writeFile(join(out, 'provenance.csv'), ['file,source,x,y,defect', ...rows, ''].join('\n'));
  console.log(`wrote ${provenance.length} images and ${TEST_COUNT - 4} masks to ${out}`);
}

await main();
