import { createSampler } from '@patchcore/samplers';
import { syntheticFeatures } from './src/feature-data.ts';
const f = syntheticFeatures(Number(process.argv[2] ?? 8000), 1024, 0);
const s = createSampler({ name: 'approx_greedy_coreset', percentage: 0.1, seed: 0 }, { debug: () => {}, info: (m) => console.error(typeof m === 'function' ? m() : m), warn: console.error, error: console.error });
const t0 = performance.now();
const r = await s.select(f);
console.error('done', r.coresetIndices.length, performance.now() - t0);
process.exit(0);
