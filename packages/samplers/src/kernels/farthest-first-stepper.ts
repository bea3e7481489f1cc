/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops indexed under their bound (STYLE.md §5) */
import type { SharedWasmMemory, WasmApi, WasmModule } from './webassembly-api.js';

/**
 * The per-thread half of the native farthest-first kernel. `createStepper` is self-contained
 * (no imports, no outer references) because it is also sent to worker threads as source text.
 */

/** Slots of the shared control array; the numbers are repeated inside `createStepper`. */
export const CONTROL = Object.freeze({
  generation: 0,
  command: 1,
  centre: 2,
  clusters: 3,
  chunk: 4,
  done: 5,
  failed: 6,
  anchors: 7,
  started: 8,
  length: 9,
});

/** Commands of the control array. */
export const COMMAND = Object.freeze({ init: 1, step: 2, exit: 3 });

/** The shared buffers of one run (every one a `SharedArrayBuffer`). */
export interface StepperBuffers {
  /** Float64 [N]: each row's current value m_i (plain distance). */
  readonly m: SharedArrayBuffer;
  /** Float64 [N]: distance of each row to the centre of the cluster listing it (≤ m_i). */
  readonly e: SharedArrayBuffer;
  /** Int32 [N]: next row of the same cluster, −1 at the end. */
  readonly next: SharedArrayBuffer;
  /** Int32 [N]: cluster of each row after the init command. */
  readonly assign: SharedArrayBuffer;
  /** Uint8 [N]: 1 for picked rows. */
  readonly selected: SharedArrayBuffer;
  /** Int32 [N]: original index of each stored row (rows are reordered for locality). */
  readonly perm: SharedArrayBuffer;
  /** Int32 [C]: stored row of each cluster's centre. */
  readonly centreRow: SharedArrayBuffer;
  /** Int32 [C]: first row of each cluster, −1 when empty. */
  readonly head: SharedArrayBuffer;
  /** Float64 [C]: max over the cluster's rows of m_i + e_i: a new centre farther than this
   * from the cluster's centre cannot lower any of its rows. */
  readonly bound: SharedArrayBuffer;
  /** Float64 [C]: largest m_i in the cluster, −1 when empty. */
  readonly bestVal: SharedArrayBuffer;
  /** Int32 [C]: its row (lowest original index on ties), −1 when empty. */
  readonly bestIdx: SharedArrayBuffer;
  /** Int32 [s]: the init command's anchor rows. */
  readonly anchors: SharedArrayBuffer;
  /** Int32 [CONTROL.length]: the control array. */
  readonly ctl: SharedArrayBuffer;
  /** Float64 [4 · workers]: per-thread results. */
  readonly resultF64: SharedArrayBuffer;
  /** Int32 [4 · workers]: per-thread results. */
  readonly resultI32: SharedArrayBuffer;
  /** Float64 [4 · workers]: work counters (centre distances, rows visited, row distances,
   * clusters scanned). */
  readonly stats: SharedArrayBuffer;
  /** Uint8 [1024]: UTF-8 text of a worker's failure. */
  readonly message: SharedArrayBuffer;
}

/** What every thread of one run shares. */
export interface StepperShared {
  /** Shared WebAssembly memory: projected rows at byte 0, then per-thread scratch. */
  readonly memory: SharedWasmMemory;
  /** The compiled distance module. */
  readonly module: WasmModule;
  /** N. */
  readonly rows: number;
  /** Floats per projected row, a multiple of 8. */
  readonly stride: number;
  /** Threads taking part in each command. */
  readonly workers: number;
  /** Rows per distance batch. */
  readonly batch: number;
  /** Clusters per work chunk. */
  readonly clusterChunk: number;
  /** Byte offset of the first thread's scratch area. */
  readonly scratchBase: number;
  /** Byte offset of the centre matrix: cluster j's centre row copied at `j · stride` floats,
   * so that the per-step scan over all centres reads memory sequentially. */
  readonly centresBase: number;
  /** The buffers. */
  readonly buffers: StepperBuffers;
}

/** The stepper's commands. */
export interface Stepper {
  /** For every row: mean and minimum distance to the anchors, and the nearest anchor. */
  initRows(): void;
  /** Offers the new centre to every cluster (see the package README for the pruning rule). */
  step(): void;
  /** A worker thread's wait-execute loop; returns on the exit command. */
  loop(): void;
}

/**
 * Builds one thread's stepper over the shared state.
 *
 * @param shared - the run's shared state.
 * @param workerIndex - this thread's result slot and scratch area.
 * @returns the commands.
 */
export function createStepper(shared: StepperShared, workerIndex: number): Stepper {
  // Keep in sync with CONTROL and COMMAND above.
  const GEN = 0;
  const CMD = 1;
  const CENTRE = 2;
  const CLUSTERS = 3;
  const CHUNK = 4;
  const DONE = 5;
  const ANCHORS = 7;
  const CMD_INIT = 1;
  const CMD_EXIT = 3;
  // Safety factor on the triangle-inequality skip test: float32 distances carry a relative
  // error below 1e-5, so a skip with this margin never hides a real improvement.
  const SLACK = 1 + 1 / 1024;

  const b = shared.buffers;
  const m = new Float64Array(b.m);
  const e = new Float64Array(b.e);
  const next = new Int32Array(b.next);
  const assign = new Int32Array(b.assign);
  const selected = new Uint8Array(b.selected);
  const perm = new Int32Array(b.perm);
  const head = new Int32Array(b.head);
  const bound = new Float64Array(b.bound);
  const bestVal = new Float64Array(b.bestVal);
  const bestIdx = new Int32Array(b.bestIdx);
  const anchors = new Int32Array(b.anchors);
  const ctl = new Int32Array(b.ctl);
  const resF = new Float64Array(b.resultF64);
  const resI = new Int32Array(b.resultI32);
  const stats = new Float64Array(b.stats);
  const statBase = 4 * workerIndex;

  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const instance = new wasm.Instance(shared.module, { env: { memory: shared.memory } });
  const distBatch = instance.exports['distBatch'] as (...args: number[]) => void;
  const heap = shared.memory.buffer;
  const rows = shared.rows;
  const strideBytes = shared.stride * 4;
  const groups = shared.stride / 8;
  const partialGroups = groups >= 8 ? groups >> 2 : groups;
  const B = shared.batch;
  const CH = shared.clusterChunk;
  const scratch = shared.scratchBase + workerIndex * 8 * (B + CH);
  const cIdxOff = scratch;
  const cOutOff = scratch + 4 * CH;
  const mIdxOff = scratch + 8 * CH;
  const mOutOff = mIdxOff + 4 * B;
  const cIdx = new Int32Array(heap, cIdxOff, CH);
  const cOut = new Float32Array(heap, cOutOff, CH);
  const mIdx = new Int32Array(heap, mIdxOff, B);
  const mOut = new Float32Array(heap, mOutOff, B);
  const members = new Int32Array(rows);
  const state = new Int8Array(B);
  const position = new Int32Array(B);
  const sums = new Float64Array(B);
  const mins = new Float64Array(B);
  const argmins = new Int32Array(B);

  // Per-step results of this thread: the new cluster's chain and best, the best over the
  // clusters this thread handled.
  let centreAddress = 0;
  let chainHead = -1;
  let chainTail = -1;
  let newBound = 0;
  let newBestVal = -1;
  let newBestIdx = -1;

  function initRows(): void {
    const anchorCount = ctl[ANCHORS]!;
    for (;;) {
      const start = Atomics.add(ctl, CHUNK, B);
      if (start >= rows) break;
      const count = Math.min(B, rows - start);
      for (let k = 0; k < count; k++) {
        mIdx[k] = start + k;
        sums[k] = 0;
        mins[k] = Infinity;
        argmins[k] = 0;
      }
      for (let a = 0; a < anchorCount; a++) {
        distBatch(0, strideBytes, groups, anchors[a]! * strideBytes, mIdxOff, count, mOutOff);
        for (let k = 0; k < count; k++) {
          const d = Math.sqrt(mOut[k]!);
          sums[k]! += d;
          if (d < mins[k]!) {
            mins[k] = d;
            argmins[k] = a;
          }
        }
      }
      for (let k = 0; k < count; k++) {
        m[start + k] = sums[k]! / anchorCount;
        e[start + k] = mins[k]!;
        assign[start + k] = argmins[k]!;
      }
    }
  }

  function scanCluster(j: number, dc: number): void {
    let n = 0;
    for (let i = head[j]!; i !== -1; i = next[i]!) members[n++] = i;
    stats[statBase + 1]! += n;
    stats[statBase + 3]! += 1;
    let newHead = -1;
    let tail = -1;
    let clusterBound = 0;
    let bv = -1;
    let bi = -1;
    for (let s0 = 0; s0 < n; s0 += B) {
      const count = Math.min(B, n - s0);
      let q = 0;
      for (let k = 0; k < count; k++) {
        const i = members[s0 + k]!;
        if (selected[i] !== 0) state[k] = 0;
        else if (dc >= (m[i]! + e[i]!) * SLACK) state[k] = 1;
        else {
          state[k] = 2;
          position[q] = k;
          mIdx[q++] = i;
        }
      }
      if (q > 0 && partialGroups < groups) {
        // Same two-pass test as for centres: a row whose partial sum reaches m_i² cannot move.
        distBatch(0, strideBytes, partialGroups, centreAddress, mIdxOff, q, mOutOff);
        let kept = 0;
        for (let k = 0; k < q; k++) {
          const i = mIdx[k]!;
          if (mOut[k]! < m[i]! * m[i]!) mIdx[kept++] = i;
          else state[position[k]!] = 1;
        }
        q = kept;
      }
      if (q > 0) distBatch(0, strideBytes, groups, centreAddress, mIdxOff, q, mOutOff);
      stats[statBase + 2]! += q;
      let t = 0;
      for (let k = 0; k < count; k++) {
        const status = state[k]!;
        if (status === 0) continue;
        const i = members[s0 + k]!;
        if (status === 2) {
          const d = Math.sqrt(mOut[t++]!);
          if (d < m[i]!) {
            m[i] = d;
            e[i] = d;
            next[i] = -1;
            if (chainTail < 0) chainHead = i;
            else next[chainTail] = i;
            chainTail = i;
            if (2 * d > newBound) newBound = 2 * d;
            if (d > newBestVal || (d === newBestVal && perm[i]! < perm[newBestIdx]!)) {
              newBestVal = d;
              newBestIdx = i;
            }
            continue;
          }
        }
        if (tail < 0) newHead = i;
        else next[tail] = i;
        tail = i;
        const reach = m[i]! + e[i]!;
        if (reach > clusterBound) clusterBound = reach;
        const v = m[i]!;
        if (v > bv || (v === bv && perm[i]! < perm[bi]!)) {
          bv = v;
          bi = i;
        }
      }
    }
    if (tail >= 0) next[tail] = -1;
    head[j] = newHead;
    bound[j] = clusterBound;
    bestVal[j] = bv;
    bestIdx[j] = bi;
  }

  function step(): void {
    const clusters = ctl[CLUSTERS]!;
    centreAddress = ctl[CENTRE]! * strideBytes;
    chainHead = -1;
    chainTail = -1;
    newBound = 0;
    newBestVal = -1;
    newBestIdx = -1;
    let lv = -1;
    let li = -1;
    for (;;) {
      const start = Atomics.add(ctl, CHUNK, CH);
      if (start >= clusters) break;
      const end = Math.min(clusters, start + CH);
      // Centre test in two passes: the squared distance over the first `partialGroups` groups
      // of 8 columns is a lower bound of the full one (same accumulation order, non-negative
      // terms), so a centre whose partial sum already reaches the cluster's bound is skipped
      // exactly as the full distance would skip it.
      let count = 0;
      for (let j = start; j < end; j++) if (bound[j]! > 0) cIdx[count++] = j;
      if (count > 0 && partialGroups < groups) {
        distBatch(
          shared.centresBase,
          strideBytes,
          partialGroups,
          centreAddress,
          cIdxOff,
          count,
          cOutOff,
        );
        let kept = 0;
        for (let k = 0; k < count; k++) {
          const j = cIdx[k]!;
          const reach = bound[j]! * SLACK;
          if (cOut[k]! < reach * reach) cIdx[kept++] = j;
        }
        stats[statBase]! += count;
        count = kept;
      }
      if (count > 0) {
        distBatch(shared.centresBase, strideBytes, groups, centreAddress, cIdxOff, count, cOutOff);
        stats[statBase]! += count;
      }
      for (let k = 0; k < count; k++) {
        const j = cIdx[k]!;
        const dc = Math.sqrt(cOut[k]!);
        if (dc < bound[j]! * SLACK) scanCluster(j, dc);
      }
      for (let j = start; j < end; j++) {
        const v = bestVal[j]!;
        if (v > lv || (v === lv && li >= 0 && perm[bestIdx[j]!]! < perm[li]!)) {
          lv = v;
          li = bestIdx[j]!;
        }
      }
    }
    const slot = 4 * workerIndex;
    resF[slot] = lv;
    resF[slot + 1] = newBound;
    resF[slot + 2] = newBestVal;
    resI[slot] = li;
    resI[slot + 1] = chainHead;
    resI[slot + 2] = chainTail;
    resI[slot + 3] = newBestIdx;
  }

  function loop(): void {
    let seen = 0;
    for (;;) {
      let spins = 0;
      while (Atomics.load(ctl, GEN) === seen) {
        if (++spins > 2000) {
          Atomics.wait(ctl, GEN, seen);
          spins = 0;
        }
      }
      seen = Atomics.load(ctl, GEN);
      const command = ctl[CMD]!;
      if (command === CMD_EXIT) return;
      // A throw ends the loop; the worker's wrapper writes the message, then raises FAILED.
      if (command === CMD_INIT) initRows();
      else step();
      if (Atomics.add(ctl, DONE, 1) + 1 === shared.workers) Atomics.notify(ctl, DONE);
    }
  }

  return { initRows, step, loop };
}
