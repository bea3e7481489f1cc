import { readFile } from 'node:fs/promises';
import { createHostMatrix, writeFileAtomic } from '@patchcore/core';
import type { HostMatrix, MemoryBank, NeighborSearchResult } from '@patchcore/core';

/** A brute-force memory bank for tests: direct squared differences, raw float32 file. */
export class InMemoryBank implements MemoryBank {
  private matrix: HostMatrix = createHostMatrix(new Float32Array(0), 0, 0);
  searches = 0;

  get size(): number {
    return this.matrix.rows;
  }

  get dimension(): number {
    return this.matrix.dims;
  }

  build(features: HostMatrix): Promise<void> {
    this.matrix = createHostMatrix(features.data.slice(), features.rows, features.dims);
    return Promise.resolve();
  }

  search(queries: HostMatrix, k: number): Promise<NeighborSearchResult> {
    if (k < 1 || k > this.size) throw new RangeError(`k must be in [1, ${this.size}], got ${k}`);
    this.searches++;
    const distances = new Float32Array(queries.rows * k);
    const neighborIndices = new Int32Array(queries.rows * k);
    const all = new Float64Array(this.size);
    for (let q = 0; q < queries.rows; q++) {
      for (let r = 0; r < this.size; r++) {
        let sum = 0;
        for (let d = 0; d < this.dimension; d++) {
          const diff =
            queries.data[q * queries.dims + d]! - this.matrix.data[r * this.dimension + d]!;
          sum += diff * diff;
        }
        all[r] = sum;
      }
      const order = Array.from(all.keys()).sort((a, b) => all[a]! - all[b]! || a - b);
      for (let j = 0; j < k; j++) {
        distances[q * k + j] = all[order[j]!]!;
        neighborIndices[q * k + j] = order[j]!;
      }
    }
    return Promise.resolve({ queryCount: queries.rows, k, distances, neighborIndices });
  }

  rows(indices: ArrayLike<number>): HostMatrix {
    const out = new Float32Array(indices.length * this.dimension);
    for (let i = 0; i < indices.length; i++) {
      const r = indices[i]!;
      out.set(
        this.matrix.data.subarray(r * this.dimension, (r + 1) * this.dimension),
        i * this.dimension,
      );
    }
    return createHostMatrix(out, indices.length, this.dimension);
  }

  async save(path: string): Promise<void> {
    const header = new Uint32Array([this.size, this.dimension]);
    const bytes = new Uint8Array(8 + this.matrix.data.byteLength);
    bytes.set(new Uint8Array(header.buffer), 0);
    bytes.set(
      new Uint8Array(
        this.matrix.data.buffer,
        this.matrix.data.byteOffset,
        this.matrix.data.byteLength,
      ),
      8,
    );
    await writeFileAtomic(path, bytes);
  }

  async load(path: string): Promise<void> {
    const bytes = await readFile(path);
    const [rows, dims] = new Uint32Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 8),
    );
    const data = new Float32Array(
      bytes.buffer.slice(bytes.byteOffset + 8, bytes.byteOffset + bytes.length),
    );
    this.matrix = createHostMatrix(data, rows!, dims!);
  }

  describe() {
    return { kind: 'in-memory', index: 'brute-force', size: this.size, dimension: this.dimension };
  }

  dispose(): void {
    this.matrix = createHostMatrix(new Float32Array(0), 0, 0);
  }
}
