// Times the pixel metrics on an MVTec-bottle-sized test set: 83 maps of 224×224 float32
// (4,164,608 pixels), 63 of them with one round defect region. Also times the radix sort
// against the built-in typed-array sort on the same data, in the same run.
//
//   cd packages/metrics && npx tsx bench/pixel-metrics.ts [repeats=3]
import { pixelAupro, pixelAuroc, pixelF1OptimalThreshold } from '../src/index.js';
import type { PixelGrid } from '../src/index.js';
import { sortScores } from '../src/sort-scores.js';

const SIDE = 224;
const IMAGES = 83;
const NOMINAL_IMAGES = 20;

function makeTestSet(): { maps: PixelGrid[]; masks: PixelGrid[] } {
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const maps: PixelGrid[] = [];
  const masks: PixelGrid[] = [];
  for (let image = 0; image < IMAGES; image++) {
    const data = new Float32Array(SIDE * SIDE);
    const mask = new Uint8Array(SIDE * SIDE);
    const [cx, cy, r] = [40 + random() * 140, 40 + random() * 140, 10 + random() * 30];
    for (let i = 0; i < data.length; i++) {
      const [x, y] = [i % SIDE, Math.floor(i / SIDE)];
      const inside = image >= NOMINAL_IMAGES && (x - cx) ** 2 + (y - cy) ** 2 < r * r;
      mask[i] = inside ? 1 : 0;
      data[i] = random() + (inside ? 0.7 : 0);
    }
    maps.push({ data, width: SIDE, height: SIDE });
    masks.push({ data: mask, width: SIDE, height: SIDE });
  }
  return { maps, masks };
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, Math.round(performance.now() - start)];
}

const repeats = Number(process.argv[2] ?? 3);
const { maps, masks } = makeTestSet();
const pooled = new Float32Array(SIDE * SIDE * IMAGES);
maps.forEach((map, i) => pooled.set(map.data, i * SIDE * SIDE));
for (let repeat = 0; repeat < repeats; repeat++) {
  const [auroc, aurocMs] = time(() => pixelAuroc(maps, masks));
  const [full, fullMs] = time(() => pixelAupro(maps, masks));
  const [anomalous, anomalousMs] = time(() => pixelAupro(maps, masks, { variant: 'anomalous' }));
  const [f1, f1Ms] = time(() => pixelF1OptimalThreshold(maps, masks, 'test'));
  const [, radixMs] = time(() => sortScores(pooled.slice()));
  const [, builtInMs] = time(() => pooled.slice().sort());
  process.stdout.write(
    JSON.stringify({
      repeat,
      pixels: pooled.length,
      pixelAuroc: [auroc.toFixed(5), `${aurocMs} ms`],
      pixelAuproFull: [full.aupro.toFixed(5), `${fullMs} ms`],
      pixelAuproAnomalous: [anomalous.aupro.toFixed(5), `${anomalousMs} ms`],
      pixelF1: [f1.f1.toFixed(4), `${f1Ms} ms`],
      sort: { radixMs, builtInMs, ratio: (builtInMs / radixMs).toFixed(2) },
    }) + '\n',
  );
}
