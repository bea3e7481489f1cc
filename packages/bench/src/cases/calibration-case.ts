import type { BenchmarkCase, CaseSession } from '../benchmark-case.js';
import { SeededRandom } from '../seeded-random.js';

const SIZE = 192;

/**
 * A fixed plain-JavaScript workload (a 192 × 192 matrix product) with no dependency on the
 * other packages: a yardstick of how fast the shared machine is during this run, and the
 * case that proves the harness itself works.
 */
export const calibrationCase: BenchmarkCase = {
  name: 'calibration',
  title: 'Calibration',
  description:
    'A fixed 192 × 192 float32 matrix product in plain JavaScript: the speed of this machine ' +
    'at the time of the run, to compare runs with each other.',
  variants: () => [{ id: `matmul ${SIZE}`, params: { size: SIZE } }],
  setup(_variant, context): Promise<CaseSession> {
    const random = new SeededRandom(context.seed);
    const a = Float32Array.from({ length: SIZE * SIZE }, () => random.normal());
    const b = Float32Array.from({ length: SIZE * SIZE }, () => random.normal());
    const c = new Float32Array(SIZE * SIZE);
    let checksum = 0;
    return Promise.resolve({
      iterate: () => {
        c.fill(0);
        for (let i = 0; i < SIZE; i++) {
          for (let k = 0; k < SIZE; k++) {
            const aik = a[i * SIZE + k] as number;
            for (let j = 0; j < SIZE; j++) {
              c[i * SIZE + j] = (c[i * SIZE + j] as number) + aik * (b[k * SIZE + j] as number);
            }
          }
        }
        checksum = c[0] as number;
        return Promise.resolve(undefined);
      },
      finish: (timingsMs) => {
        // The checksum keeps the product observable, so the JIT cannot drop the loop.
        if (!Number.isFinite(checksum)) throw new Error(`calibration product is ${checksum}`);
        const median = timingsMs['wall']?.median ?? 1;
        return Promise.resolve({ figures: { mflopsPerSecond: (2 * SIZE ** 3) / (median * 1000) } });
      },
    });
  },
};
