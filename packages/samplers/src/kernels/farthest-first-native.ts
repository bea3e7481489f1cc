/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops indexed under their bound (STYLE.md §5) */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { InvalidStateError } from '@patchcore/core';
import { progressReporter } from '../farthest-first-problem.js';
import { farthestFromCentroid } from './farthest-from-centroid.js';
import type { FarthestFirstProblem } from '../farthest-first-problem.js';
import { buildDistanceModuleBytes } from './distance-kernel-wasm.js';
import { COMMAND, CONTROL, createStepper } from './farthest-first-stepper.js';
import type { Stepper, StepperBuffers, StepperShared } from './farthest-first-stepper.js';
import { webAssembly } from './webassembly-api.js';
import type { SharedWasmMemory, WasmModule } from './webassembly-api.js';

const BATCH = 1024;
const CLUSTER_CHUNK = 64;
const PAGE = 65536;
/** Below this many rows the kernel runs on the calling thread by default. */
const MIN_ROWS_FOR_THREADS = 4096;
/** Rows are regrouped by cluster when the cluster count reaches this, then 4×, 16×, … */
const FIRST_REGROUP = 16;

let compiled: WasmModule | undefined;

/** The compiled distance module (built once per process). */
function distanceModule(): WasmModule {
  compiled ??= new webAssembly.Module(buildDistanceModuleBytes());
  return compiled;
}

/** Shared WebAssembly memory holding the projected rows, ready for the kernel. @internal */
export interface KernelMemory {
  /** The memory. */
  readonly memory: SharedWasmMemory;
  /** View of the projected rows (zero-filled), row i at `i · stride`. */
  readonly projected: Float32Array;
  /** Floats per row: D' rounded up to a multiple of 8. */
  readonly stride: number;
  /** Byte offset of the scratch areas. */
  readonly scratchBase: number;
  /** Threads the memory has scratch space for (at least 1). */
  readonly participants: number;
  /** Byte offset of the centre matrix (one row per cluster). */
  readonly centresBase: number;
  /** Rows of the centre matrix. */
  readonly centreCapacity: number;
}

/**
 * Default number of kernel worker threads for `rows` rows.
 *
 * @param rows - N.
 * @returns 0 below 4,096 rows, else min(2, available cores).
 * @internal
 */
export function defaultKernelThreads(rows: number): number {
  return rows < MIN_ROWS_FOR_THREADS ? 0 : Math.min(2, availableParallelism());
}

/**
 * Allocates the shared memory of one kernel run.
 *
 * @param rows - N.
 * @param dims - D'.
 * @param threads - worker threads (0: the calling thread).
 * @param clusters - cluster capacity: rows to pick plus starting rows plus one.
 * @returns the memory and a view for the projected rows.
 * @throws RangeError when the rows do not fit in 4 GiB of WebAssembly memory.
 * @internal
 */
export function allocateKernelMemory(
  rows: number,
  dims: number,
  threads: number,
  clusters: number,
): KernelMemory {
  const stride = Math.ceil(dims / 8) * 8;
  const participants = Math.max(1, threads);
  const centresBase = rows * stride * 4;
  const scratchBase = centresBase + clusters * stride * 4;
  const bytes = scratchBase + participants * 8 * (BATCH + CLUSTER_CHUNK);
  const pages = Math.ceil(bytes / PAGE);
  if (pages > 65536) {
    throw new RangeError(
      `${rows} rows × ${stride} floats exceed the 4 GiB WebAssembly memory limit`,
    );
  }
  const memory = new webAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const projected = new Float32Array(memory.buffer, 0, rows * stride);
  return {
    memory,
    projected,
    stride,
    scratchBase,
    participants,
    centresBase,
    centreCapacity: clusters,
  };
}

/** Host-side views of the shared buffers. */
interface Views {
  readonly m: Float64Array;
  readonly e: Float64Array;
  readonly next: Int32Array;
  readonly assign: Int32Array;
  readonly selected: Uint8Array;
  readonly perm: Int32Array;
  readonly centreRow: Int32Array;
  readonly head: Int32Array;
  readonly bound: Float64Array;
  readonly bestVal: Float64Array;
  readonly bestIdx: Int32Array;
  readonly anchors: Int32Array;
  readonly ctl: Int32Array;
  readonly resF: Float64Array;
  readonly resI: Int32Array;
}

function allocateBuffers(
  rows: number,
  clusters: number,
  anchorCount: number,
  participants: number,
): StepperBuffers {
  const sab = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(Math.max(8, bytes));
  return {
    m: sab(8 * rows),
    e: sab(8 * rows),
    next: sab(4 * rows),
    assign: sab(4 * rows),
    selected: sab(rows),
    perm: sab(4 * rows),
    centreRow: sab(4 * clusters),
    head: sab(4 * clusters),
    bound: sab(8 * clusters),
    bestVal: sab(8 * clusters),
    bestIdx: sab(4 * clusters),
    anchors: sab(4 * anchorCount),
    ctl: sab(4 * CONTROL.length),
    resultF64: sab(8 * 4 * participants),
    resultI32: sab(4 * 4 * participants),
    stats: sab(8 * 4 * participants),
    message: sab(1024),
  };
}

function viewsOf(b: StepperBuffers): Views {
  return {
    m: new Float64Array(b.m),
    e: new Float64Array(b.e),
    next: new Int32Array(b.next),
    assign: new Int32Array(b.assign),
    selected: new Uint8Array(b.selected),
    perm: new Int32Array(b.perm),
    centreRow: new Int32Array(b.centreRow),
    head: new Int32Array(b.head),
    bound: new Float64Array(b.bound),
    bestVal: new Float64Array(b.bestVal),
    bestIdx: new Int32Array(b.bestIdx),
    anchors: new Int32Array(b.anchors),
    ctl: new Int32Array(b.ctl),
    resF: new Float64Array(b.resultF64),
    resI: new Int32Array(b.resultI32),
  };
}

/** Longest blocking wait before the runner gives the event loop a turn, in ms. */
const WAIT_SLICE_MS = 50;
/** Time the worker threads get to start before a run fails, in ms. */
const WORKER_START_LIMIT_MS = 120_000;

/**
 * Test seam: JavaScript run at the top of every worker thread, before the kernel. Lets tests
 * make a worker throw, exit or never start. @internal
 */
export interface KernelWorkerFault {
  /** Source text run in each worker thread (`workerData.index` is its index). */
  readonly workerPrelude: string;
  /** Start-up time limit of the workers in ms (default 120,000). */
  readonly startLimitMs?: number;
}

/** Runs commands on the worker threads, or on this thread when there are none. */
class CommandRunner {
  private readonly workers: Worker[] = [];
  private readonly inline: Stepper | undefined;
  private failure: string | undefined;
  private closing = false;
  private readonly createdAt = performance.now();
  private readonly startLimitMs: number;

  /** The shared buffers. */
  readonly buffers: StepperBuffers;

  constructor(
    private readonly shared: StepperShared,
    private readonly ctl: Int32Array,
    threads: number,
    fault?: KernelWorkerFault,
  ) {
    this.buffers = shared.buffers;
    this.startLimitMs = fault?.startLimitMs ?? WORKER_START_LIMIT_MS;
    if (threads === 0) {
      this.inline = createStepper(shared, 0);
      return;
    }
    // A worker that fails before or inside a command writes its message, then raises the
    // failed flag (never reset) and wakes the waiting thread. A worker that dies without
    // getting there (uncaught start-up error, exit, out of memory) is reported by its
    // 'error'/'exit' event, which the waiting thread sees on its next event-loop turn.
    const source = [
      `const { workerData } = require('node:worker_threads');`,
      // Transpilers that keep function names (esbuild keepNames) call a `__name` helper.
      `const __name = (target) => target;`,
      `const ctl = new Int32Array(workerData.shared.buffers.ctl);`,
      fault?.workerPrelude ?? '',
      `try {`,
      `  Atomics.add(ctl, ${CONTROL.started}, 1);`,
      `  (${createStepper.toString()})(workerData.shared, workerData.index).loop();`,
      `} catch (error) {`,
      `  const text = new TextEncoder().encode(String(error && error.stack || error));`,
      `  new Uint8Array(workerData.shared.buffers.message).set(text.subarray(0, 1023));`,
      `  Atomics.store(ctl, ${CONTROL.failed}, 1);`,
      `  Atomics.add(ctl, ${CONTROL.done}, 1 << 20);`,
      `  Atomics.notify(ctl, ${CONTROL.done});`,
      `}`,
    ].join('\n');
    for (let index = 0; index < threads; index++) {
      // No inherited execArgv: the source is plain JavaScript and needs no loader hooks
      // (e.g. `--import tsx`), whose start-up in each worker is slow and a needless risk.
      const worker = new Worker(source, {
        eval: true,
        execArgv: [],
        workerData: { shared, index },
      });
      worker.on('error', (error) => {
        this.failure ??= `worker ${index} failed: ${error.message}`;
      });
      worker.on('exit', (code) => {
        if (!this.closing) this.failure ??= `worker ${index} exited with code ${code}`;
      });
      this.workers.push(worker);
    }
  }

  /**
   * Runs one command to completion on every participant.
   *
   * @throws InvalidStateError when a worker fails, exits or does not start in time.
   */
  async run(command: number): Promise<void> {
    const { ctl } = this;
    this.throwIfFailed();
    ctl[CONTROL.chunk] = 0;
    ctl[CONTROL.done] = 0;
    ctl[CONTROL.command] = command;
    if (this.inline !== undefined) {
      if (command === COMMAND.init) this.inline.initRows();
      else this.inline.step();
      return;
    }
    Atomics.add(ctl, CONTROL.generation, 1);
    Atomics.notify(ctl, CONTROL.generation);
    // Block on the done counter, but at most WAIT_SLICE_MS at a time: a worker's 'error' and
    // 'exit' events are only delivered on a turn of the event loop.
    let turnAt = performance.now() + WAIT_SLICE_MS;
    for (;;) {
      const done = Atomics.load(ctl, CONTROL.done);
      if (done >= this.shared.workers) break;
      this.throwIfFailed();
      const left = turnAt - performance.now();
      if (left > 0) {
        Atomics.wait(ctl, CONTROL.done, done, left);
        continue;
      }
      await yieldToEventLoop();
      turnAt = performance.now() + WAIT_SLICE_MS;
    }
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    const { ctl } = this;
    let reason: string | undefined;
    if (Atomics.load(ctl, CONTROL.failed) !== 0) {
      const bytes = new Uint8Array(this.shared.buffers.message).slice();
      const end = bytes.indexOf(0);
      const text = new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
      reason = `a worker failed: ${text || (this.failure ?? 'unknown error')}`;
    } else if (this.failure !== undefined) {
      reason = this.failure;
    } else if (
      Atomics.load(ctl, CONTROL.started) < this.workers.length &&
      performance.now() - this.createdAt > this.startLimitMs
    ) {
      reason =
        `${Atomics.load(ctl, CONTROL.started)} of ${this.workers.length} workers started ` +
        `within ${this.startLimitMs} ms`;
    }
    if (reason !== undefined) {
      throw new InvalidStateError(`farthest-first kernel: ${reason}`);
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    if (this.workers.length === 0) return;
    this.closing = true;
    this.ctl[CONTROL.command] = COMMAND.exit;
    Atomics.add(this.ctl, CONTROL.generation, 1);
    Atomics.notify(this.ctl, CONTROL.generation);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/**
 * Farthest-first traversal with the dedicated kernel: exact (the same picks as the plain loop
 * of {@link farthestFirstTensor} up to float32 rounding), but a new centre is only compared
 * with the rows it can possibly bring closer. Each row keeps its value m_i and its distance
 * e_i (≤ m_i) to the centre of the cluster that lists it; a new centre c can lower m_i only if
 * d(c, centre) is below m_i + e_i (triangle inequality), so whole clusters, then single rows, are
 * skipped on that test. Work runs on worker threads over shared memory, distances in a
 * WebAssembly SIMD kernel; rows are regrouped by cluster from time to time for cache locality.
 *
 * @param problem - projected rows (in `memory.projected`), count and start rule.
 * @param memory - from {@link allocateKernelMemory}, with the rows already written.
 * @param threads - worker threads; 0 runs on the calling thread.
 * @param fault - tests only: code injected into the worker threads.
 * @returns picked row indices (original numbering), in order.
 * @throws InvalidStateError when a worker thread fails, exits or does not start: never hangs.
 * @internal
 */
export async function farthestFirstNative(
  problem: FarthestFirstProblem,
  memory: KernelMemory,
  threads: number,
  fault?: KernelWorkerFault,
): Promise<Int32Array> {
  const { rows, count, start } = problem;
  const anchorRows =
    start.kind === 'centroid' ? Int32Array.of(farthestFromCentroid(problem)) : start.anchors;
  const capacity = anchorRows.length + count + 1;
  if (capacity > memory.centreCapacity) {
    throw new InvalidStateError(
      `kernel memory holds ${memory.centreCapacity} centres, ${capacity} needed`,
    );
  }
  const buffers = allocateBuffers(rows, capacity, anchorRows.length, memory.participants);
  const v = viewsOf(buffers);
  const shared: StepperShared = {
    memory: memory.memory,
    module: distanceModule(),
    rows,
    stride: memory.stride,
    workers: memory.participants,
    batch: BATCH,
    clusterChunk: CLUSTER_CHUNK,
    scratchBase: memory.scratchBase,
    centresBase: memory.centresBase,
    buffers,
  };
  for (let i = 0; i < rows; i++) v.perm[i] = i;
  v.anchors.set(anchorRows);
  v.ctl[CONTROL.anchors] = anchorRows.length;
  const runner = new CommandRunner(shared, v.ctl, threads === 0 ? 0 : memory.participants, fault);
  try {
    return await traverse(problem, v, runner, anchorRows, memory);
  } finally {
    await runner.close();
  }
}

async function traverse(
  problem: FarthestFirstProblem,
  v: Views,
  runner: CommandRunner,
  anchorRows: Int32Array,
  memory: KernelMemory,
): Promise<Int32Array> {
  const { rows, count, start } = problem;
  const picks = new Int32Array(count);
  let picked = 0;
  const report = progressReporter(problem.onProgress, count);
  await runner.run(COMMAND.init);
  if (start.kind === 'centroid') {
    const first = anchorRows[0]!;
    picks[picked++] = first;
    select(v, first);
  }
  let clusters = buildClusters(v, rows, anchorRows);
  for (let j = 0; j < clusters; j++) copyCentre(memory, j, anchorRows[j]!);
  let best = bestOfClusters(v, clusters);
  let regroupAt = FIRST_REGROUP;
  let lastYield = performance.now();
  while (picked < count && best.value > 0) {
    const centre = best.index;
    picks[picked++] = v.perm[centre]!;
    select(v, centre);
    report(picked);
    if (picked === count) break;
    v.ctl[CONTROL.centre] = centre;
    v.ctl[CONTROL.clusters] = clusters;
    await runner.run(COMMAND.step);
    best = mergeStep(v, clusters, centre, memory.participants);
    copyCentre(memory, clusters, centre);
    clusters++;
    if (clusters >= regroupAt) {
      regroupByCluster(v, memory, rows, clusters);
      best = bestOfClusters(v, clusters);
      regroupAt *= 4;
    }
    if (performance.now() - lastYield > 200) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  picked = fillLowestUnselected(v, rows, picks, picked);
  report(count);
  problem.logger.debug(() => {
    const totals = [0, 0, 0, 0];
    const stats = new Float64Array(runner.buffers.stats);
    for (let k = 0; k < stats.length; k++) totals[k % 4]! += stats[k]!;
    const [centres, visited, measured, scanned] = totals;
    return (
      `samplers: kernel: ${clusters} clusters, ${centres} centre distances, ${scanned} cluster ` +
      `scans visiting ${visited} rows, ${measured} row distances ` +
      `(brute force: ${(rows * count).toExponential(2)})`
    );
  });
  return picks;
}

/** Copies stored row `row` into the centre matrix as cluster `cluster`'s centre. */
function copyCentre(memory: KernelMemory, cluster: number, row: number): void {
  const { projected, stride } = memory;
  const centres = new Float32Array(
    projected.buffer,
    memory.centresBase + cluster * stride * 4,
    stride,
  );
  centres.set(projected.subarray(row * stride, (row + 1) * stride));
}

function select(v: Views, row: number): void {
  v.selected[row] = 1;
  v.m[row] = 0;
  v.e[row] = 0;
}

/** Lists every unpicked row under its nearest anchor (the init command's `assign`). */
function buildClusters(v: Views, rows: number, anchorRows: Int32Array): number {
  const clusters = anchorRows.length;
  for (let j = 0; j < clusters; j++) {
    v.centreRow[j] = anchorRows[j]!;
    v.head[j] = -1;
    v.bound[j] = 0;
    v.bestVal[j] = -1;
    v.bestIdx[j] = -1;
  }
  for (let i = rows - 1; i >= 0; i--) {
    if (v.selected[i] !== 0) continue;
    const j = v.assign[i]!;
    v.next[i] = v.head[j]!;
    v.head[j] = i;
    const reach = v.m[i]! + v.e[i]!;
    if (reach > v.bound[j]!) v.bound[j] = reach;
    if (v.m[i]! >= v.bestVal[j]!) {
      v.bestVal[j] = v.m[i]!;
      v.bestIdx[j] = i;
    }
  }
  return clusters;
}

interface Best {
  readonly value: number;
  readonly index: number;
}

function better(v: Views, value: number, index: number, best: Best): boolean {
  if (index < 0) return false;
  return (
    value > best.value ||
    (value === best.value && (best.index < 0 || v.perm[index]! < v.perm[best.index]!))
  );
}

function bestOfClusters(v: Views, clusters: number): Best {
  let best: Best = { value: -1, index: -1 };
  for (let j = 0; j < clusters; j++) {
    if (better(v, v.bestVal[j]!, v.bestIdx[j]!, best))
      best = { value: v.bestVal[j]!, index: v.bestIdx[j]! };
  }
  return best;
}

/** Joins the threads' chains into the new cluster and combines their bests. */
function mergeStep(v: Views, newCluster: number, centre: number, participants: number): Best {
  let headRow = -1;
  let tailRow = -1;
  let bound = 0;
  let newBest: Best = { value: -1, index: -1 };
  let best: Best = { value: -1, index: -1 };
  for (let w = 0; w < participants; w++) {
    const slot = 4 * w;
    const chainHead = v.resI[slot + 1]!;
    if (chainHead >= 0) {
      if (tailRow < 0) headRow = chainHead;
      else v.next[tailRow] = chainHead;
      tailRow = v.resI[slot + 2]!;
    }
    bound = Math.max(bound, v.resF[slot + 1]!);
    if (better(v, v.resF[slot + 2]!, v.resI[slot + 3]!, newBest)) {
      newBest = { value: v.resF[slot + 2]!, index: v.resI[slot + 3]! };
    }
    if (better(v, v.resF[slot]!, v.resI[slot]!, best))
      best = { value: v.resF[slot]!, index: v.resI[slot]! };
  }
  v.centreRow[newCluster] = centre;
  v.head[newCluster] = headRow;
  v.bound[newCluster] = bound;
  v.bestVal[newCluster] = newBest.value;
  v.bestIdx[newCluster] = newBest.index;
  return better(v, newBest.value, newBest.index, best) ? newBest : best;
}

/** Rule 4 of SPEC §3.8: when every unpicked row has value 0, take the lowest indices. */
function fillLowestUnselected(v: Views, rows: number, picks: Int32Array, picked: number): number {
  if (picked >= picks.length) return picked;
  const rest: number[] = [];
  for (let i = 0; i < rows; i++) if (v.selected[i] === 0) rest.push(v.perm[i]!);
  rest.sort((a, b) => a - b);
  for (let k = 0; picked < picks.length; k++) picks[picked++] = rest[k]!;
  return picked;
}

/**
 * Renumbers the stored rows so that each cluster's rows are contiguous (then picked rows),
 * moving the projected rows in place along the permutation's cycles.
 */
function regroupByCluster(v: Views, memory: KernelMemory, rows: number, clusters: number): void {
  const order = new Int32Array(rows);
  const lengths = new Int32Array(clusters);
  let p = 0;
  for (let j = 0; j < clusters; j++) {
    for (let i = v.head[j]!; i !== -1; i = v.next[i]!) order[p++] = i;
    lengths[j] = p;
  }
  for (let i = 0; i < rows; i++) if (v.selected[i] !== 0) order[p++] = i;
  if (p !== rows) throw new InvalidStateError(`kernel lists hold ${p} of ${rows} rows`);
  const newIndex = new Int32Array(rows);
  for (let k = 0; k < rows; k++) newIndex[order[k]!] = k;
  moveRows(memory, order);
  permute(v.m, order);
  permute(v.e, order);
  permute(v.selected, order);
  permute(v.perm, order);
  let first = 0;
  for (let j = 0; j < clusters; j++) {
    v.centreRow[j] = newIndex[v.centreRow[j]!]!;
    if (v.bestIdx[j]! >= 0) v.bestIdx[j] = newIndex[v.bestIdx[j]!]!;
    const end = lengths[j]!;
    v.head[j] = end > first ? first : -1;
    for (let k = first; k < end; k++) v.next[k] = k + 1 < end ? k + 1 : -1;
    first = end;
  }
}

function permute(values: Float64Array | Int32Array | Uint8Array, order: Int32Array): void {
  const copy = values.slice();
  for (let k = 0; k < order.length; k++) values[k] = copy[order[k]!]!;
}

/** Moves projected row order[k] to position k for every k, in place. */
function moveRows(memory: KernelMemory, order: Int32Array): void {
  const { projected, stride } = memory;
  const visited = new Uint8Array(order.length);
  const saved = new Float32Array(stride);
  for (let s = 0; s < order.length; s++) {
    if (visited[s] !== 0 || order[s] === s) continue;
    saved.set(projected.subarray(s * stride, (s + 1) * stride));
    let position = s;
    for (;;) {
      visited[position] = 1;
      const source = order[position]!;
      if (source === s) {
        projected.set(saved, position * stride);
        break;
      }
      projected.copyWithin(position * stride, source * stride, (source + 1) * stride);
      position = source;
    }
  }
}
