import { createRequire } from 'node:module';
import { NativeDependencyError } from '@patchcore/core';
import type { Logger } from '@patchcore/core';

/** What a faiss-node search returns: plain arrays upstream, typed arrays from the patched path. */
export interface FaissSearchOutput {
  /** Squared L2 distances [Q, k]. */
  readonly distances: ArrayLike<number>;
  /** Row indices [Q, k]; -1 where the index found fewer than k rows. */
  readonly labels: ArrayLike<number>;
}

/**
 * The part of a faiss-node index object this package uses.
 *
 * @internal
 */
export interface FaissIndex {
  ntotal(): number;
  getDimension(): number;
  isTrained(): boolean;
  add(values: number[] | Float32Array): void;
  train(values: number[] | Float32Array): void;
  search(values: number[] | Float32Array, k: number): FaissSearchOutput;
  write(path: string): void;
  /** Only in the project's patched build (tools/native/patch-faiss-node.mjs). */
  setParameter?(name: string, value: number): void;
}

/**
 * The faiss-node module as this package sees it.
 *
 * @internal
 */
export interface FaissAddon {
  Index: {
    fromFactory(dimension: number, description: string, metric?: number): FaissIndex;
    read(path: string): FaissIndex;
  };
  /** Present only in the project's patched build. */
  patchcore?: {
    readonly abi: number;
    setNumThreads(threads: number): void;
    getNumThreads(): number;
  };
}

/**
 * The loaded addon and what this build can do.
 *
 * @internal
 */
export interface LoadedFaiss {
  readonly addon: FaissAddon;
  /** True for the project's patched build: zero-copy Float32Array, setParameter, thread control. */
  readonly patched: boolean;
  /** OpenMP thread count when the addon was loaded (fixed for an unpatched build). */
  readonly threadsAtLoad: number;
}

/** The build step that produces the addon; quoted in every load error. */
export const FAISS_SETUP_HINT =
  'Run `bash tools/setup.sh` at the repository root: it installs libfaiss-dev and ' +
  'libopenblas-dev with apt when missing and builds the addon (tools/native/build-faiss-node.sh).';

let loaded: LoadedFaiss | undefined;

/**
 * Loads faiss-node once per process.
 *
 * For an unpatched addon the thread count can only be chosen before the first load: when
 * `OMP_NUM_THREADS` is unset it is set to `threads` first (OpenBLAS reads it too).
 *
 * @param threads - thread count wanted by the first caller.
 * @param logger - receives the load outcome at debug level.
 * @returns the addon with its capabilities.
 * @throws {@link NativeDependencyError} when the addon cannot be loaded, saying why and how to
 *   build it.
 * @internal
 */
export function loadFaiss(threads: number, logger: Logger): LoadedFaiss {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  let resolved: string;
  try {
    resolved = require.resolve('faiss-node');
  } catch (error) {
    throw new NativeDependencyError(
      'faiss-node',
      `faiss-node is not installed (${String(error)}). ${FAISS_SETUP_HINT}`,
      { cause: error },
    );
  }
  // Read by OpenMP and OpenBLAS when the shared libraries initialise, i.e. at first load.
  const envBefore = process.env['OMP_NUM_THREADS'];
  if (envBefore === undefined) process.env['OMP_NUM_THREADS'] = String(threads);
  let addon: FaissAddon;
  try {
    addon = require(resolved) as FaissAddon;
  } catch (error) {
    if (envBefore === undefined) delete process.env['OMP_NUM_THREADS'];
    throw new NativeDependencyError('faiss-node', describeLoadFailure(error), { cause: error });
  }
  const patched = (addon.patchcore?.abi ?? 0) >= 1;
  const threadsAtLoad = addon.patchcore?.getNumThreads() ?? Number(envBefore ?? threads);
  loaded = { addon, patched, threadsAtLoad };
  logger.debug(
    () =>
      `faiss-node loaded from ${resolved}: ${patched ? 'patched' : 'upstream'} build, ` +
      `${threadsAtLoad} OpenMP thread(s) at load`,
  );
  return loaded;
}

/**
 * Turns a `require` failure of the addon into a message that says why and what to do.
 *
 * @param error - what `require` threw.
 * @returns the message.
 */
function describeLoadFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  let why = 'its native addon failed to load';
  if (/Could not locate the bindings file|Cannot find module/i.test(text)) {
    why = 'its native addon (build/Release/faiss-node.node) was never built for this platform';
  } else if (/lib(openblas|gomp|gfortran)[^:]*: cannot open shared object/i.test(text)) {
    why = 'a shared library the addon links against is missing (apt: libopenblas0-pthread)';
  } else if (/NODE_MODULE_VERSION|napi/i.test(text)) {
    why = `the addon was built for another Node.js ABI than ${process.version}`;
  }
  return `faiss-node cannot be loaded on ${process.platform}-${process.arch}: ${why}. ${FAISS_SETUP_HINT} Loader said: ${text}`;
}
