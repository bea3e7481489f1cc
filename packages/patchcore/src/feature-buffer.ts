import { createHostMatrix } from '@patchcore/core';
import type { HostMatrix } from '@patchcore/core';

/**
 * One growing row-major float32 buffer for all training `features` [N, D]. Preallocated when
 * the image count is known; otherwise it grows geometrically (×1.5), so each row is copied a
 * bounded number of times and no per-batch copies pile up.
 */
export class FeatureBuffer {
  /** D. */
  readonly dims: number;
  private data: Float32Array;
  private filled = 0;

  /**
   * @param dims - D.
   * @param initialRows - rows to preallocate.
   */
  constructor(dims: number, initialRows: number) {
    this.dims = dims;
    this.data = new Float32Array(Math.max(1, initialRows) * dims);
  }

  /** Rows written so far. */
  get rows(): number {
    return this.filled;
  }

  /**
   * Makes room for `rows` more rows and returns the buffer and the first free row.
   *
   * @param rows - rows about to be written.
   * @returns the backing array (valid until the next call) and the row to start at.
   */
  reserve(rows: number): { data: Float32Array; rowOffset: number } {
    const needed = (this.filled + rows) * this.dims;
    if (needed > this.data.length) {
      const grown = new Float32Array(Math.max(needed, Math.ceil(this.data.length * 1.5)));
      grown.set(this.data.subarray(0, this.filled * this.dims));
      this.data = grown;
    }
    return { data: this.data, rowOffset: this.filled };
  }

  /**
   * Marks `rows` reserved rows as written.
   *
   * @param rows - rows written.
   */
  commit(rows: number): void {
    this.filled += rows;
  }

  /**
   * The written rows as a matrix (a view, no copy).
   *
   * @returns `features` [rows, dims].
   */
  toMatrix(): HostMatrix {
    return createHostMatrix(this.data.subarray(0, this.filled * this.dims), this.filled, this.dims);
  }
}
