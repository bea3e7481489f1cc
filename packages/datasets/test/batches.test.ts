import { describe, expect, it } from 'vitest';
import type { ImageSample } from '@patchcore/core';
import { toBatches } from '../src/index.js';

const samples: ImageSample[] = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ path: `/${name}.png` }));

async function collect(batches: AsyncIterable<readonly ImageSample[]>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const batch of batches) out.push(batch.map((s) => s.path));
  return out;
}

describe('toBatches', () => {
  it('yields full batches in order and the rest last when the count does not divide', async () => {
    expect(await collect(toBatches(samples, 2))).toEqual([
      ['/a.png', '/b.png'],
      ['/c.png', '/d.png'],
      ['/e.png'],
    ]);
  });

  it('starts again from the first sample when iterated twice over an array', async () => {
    const batches = toBatches(samples, 5);
    expect(await collect(batches)).toEqual(await collect(batches));
    expect((await collect(batches))[0]).toHaveLength(5);
  });

  it('reads an async source', async () => {
    async function* source() {
      for (const sample of samples.slice(0, 3)) yield await Promise.resolve(sample);
    }
    expect(await collect(toBatches(source(), 2))).toEqual([['/a.png', '/b.png'], ['/c.png']]);
  });

  it('yields nothing when there are no samples', async () => {
    expect(await collect(toBatches([], 3))).toEqual([]);
  });

  it.each([0, -1, 1.5, Number.NaN])('throws at once naming batchSize when it is %s', (size) => {
    expect(() => toBatches(samples, size)).toThrow(
      `batchSize must be an integer >= 1, got ${size}`,
    );
  });
});
