import * as tf from '@tensorflow/tfjs-core';
import { NativeDependencyError, silentLogger } from '@patchcore/core';
import type { Logger } from '@patchcore/core';
import type { TensorDevice } from './sampler-options.js';

/** The TensorFlow.js backend a sampler runs on. */
export interface TensorBackendChoice {
  /** TensorFlow.js backend name, e.g. `'wasm'`, `'cpu'`, `'tensorflow'`. */
  readonly name: string;
  /** The npm package that provides it. */
  readonly packageName: string;
  /** Whether it computes on a GPU. */
  readonly gpu: boolean;
}

/** One backend that was tried, and why it was not taken (empty reason: it was taken). */
export interface BackendAttempt {
  /** The npm package tried. */
  readonly packageName: string;
  /** Why it failed. */
  readonly reason: string;
}

interface Candidate extends TensorBackendChoice {
  readonly load: () => Promise<unknown>;
}

// Optional packages are imported through a variable so that TypeScript does not need them.
const importOptional = (name: string): Promise<unknown> => import(name);

const CANDIDATES: Readonly<Record<string, Candidate>> = {
  'tfjs-node-gpu': {
    name: 'tensorflow',
    packageName: '@tensorflow/tfjs-node-gpu',
    gpu: true,
    load: () => importOptional('@tensorflow/tfjs-node-gpu'),
  },
  'tfjs-node': {
    name: 'tensorflow',
    packageName: '@tensorflow/tfjs-node',
    gpu: false,
    load: () => importOptional('@tensorflow/tfjs-node'),
  },
  wasm: {
    name: 'wasm',
    packageName: '@tensorflow/tfjs-backend-wasm',
    gpu: false,
    load: () => import('@tensorflow/tfjs-backend-wasm'),
  },
  cpu: {
    name: 'cpu',
    packageName: '@tensorflow/tfjs-backend-cpu',
    gpu: false,
    load: () => import('@tensorflow/tfjs-backend-cpu'),
  },
};

const ORDER: Readonly<Record<TensorDevice, readonly string[]>> = {
  auto: ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'],
  gpu: ['tfjs-node-gpu'],
  cpu: ['tfjs-node', 'wasm', 'cpu'],
};

const BY_BACKEND_NAME: Readonly<Record<string, string>> = {
  wasm: 'wasm',
  cpu: 'cpu',
  tensorflow: 'tfjs-node',
};

const chosen = new Map<string, Promise<TensorBackendChoice>>();

/**
 * Picks, loads and activates the best installed TensorFlow.js backend for `device`, and logs
 * the choice. `'auto'` tries tfjs-node-gpu, tfjs-node, wasm, cpu in that order; `'gpu'` only
 * tfjs-node-gpu; `'cpu'` tfjs-node, wasm, cpu. The result is cached per device; each call
 * re-activates the backend in case something else switched TensorFlow.js's global backend.
 *
 * @param device - what the caller asked for.
 * @param logger - receives the choice (info) and each failed attempt (debug).
 * @returns the backend now active.
 * @throws {@link NativeDependencyError} listing every package tried and why it failed.
 * @example
 * ```ts
 * const backend = await selectTensorBackend('auto', logger); // { name: 'wasm', ... } here
 * ```
 */
export async function selectTensorBackend(
  device: TensorDevice = 'auto',
  logger: Logger = silentLogger,
): Promise<TensorBackendChoice> {
  let pending = chosen.get(device);
  if (pending === undefined) {
    pending = tryCandidates(ORDER[device], device, logger);
    chosen.set(device, pending);
    pending.catch(() => chosen.delete(device));
  }
  const choice = await pending;
  await activate(choice.name);
  return choice;
}

/**
 * Loads and activates a TensorFlow.js backend by its name.
 *
 * @param backendName - `'wasm'`, `'cpu'` or `'tensorflow'`.
 * @param logger - receives the choice.
 * @returns the backend now active.
 * @throws {@link NativeDependencyError} when it cannot be loaded or initialised.
 */
export async function useTensorBackend(
  backendName: string,
  logger: Logger = silentLogger,
): Promise<TensorBackendChoice> {
  const key = BY_BACKEND_NAME[backendName];
  if (key === undefined) {
    throw new RangeError(`backend must be 'wasm', 'cpu' or 'tensorflow', got '${backendName}'`);
  }
  return tryCandidates([key], `backend '${backendName}'`, logger);
}

async function tryCandidates(
  keys: readonly string[],
  asked: string,
  logger: Logger,
): Promise<TensorBackendChoice> {
  const attempts: BackendAttempt[] = [];
  for (const key of keys) {
    const candidate = CANDIDATES[key];
    if (candidate === undefined) continue;
    try {
      await candidate.load();
      await activate(candidate.name);
      const { name, packageName, gpu } = candidate;
      logger.info(`samplers: TensorFlow.js backend '${name}' (${packageName}) for ${asked}`);
      return { name, packageName, gpu };
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      attempts.push({ packageName: candidate.packageName, reason });
      logger.debug(() => `samplers: ${candidate.packageName} unavailable: ${reason}`);
    }
  }
  const tried = attempts.map((a) => `${a.packageName}: ${a.reason}`).join('; ');
  const first = attempts[0]?.packageName ?? 'TensorFlow.js';
  throw new NativeDependencyError(
    first,
    `no TensorFlow.js backend for ${asked}; tried ${tried}` +
      (asked === 'gpu'
        ? ". Install @tensorflow/tfjs-node-gpu with CUDA, or use device 'auto'"
        : ''),
  );
}

async function activate(name: string): Promise<void> {
  if (tf.getBackend() === name && tf.findBackend(name) !== null) return;
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') failed to initialise`);
  await tf.ready();
}
