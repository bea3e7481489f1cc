import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ChannelNormalization, Logger } from '@patchcore/core';
import {
  InvalidConfigError,
  InvalidFileError,
  NativeDependencyError,
  assertIntegerInRange,
  silentLogger,
} from '@patchcore/core';
import * as ort from 'onnxruntime-node';
import { KNOWN_BACKBONES, type KnownBackbone } from './known-backbones.js';
import { defaultModelsDir } from './models-dir.js';
import { OnnxBackbone, type FeatureMapLayout } from './onnx-backbone.js';
import { exposeLayers, type OnnxGraphSummary } from './onnx-graph-outputs.js';

/** Execution providers {@link loadBackbone} accepts. */
export type ExecutionProvider = 'cpu' | 'cuda';

/** Options of {@link loadBackbone}. */
export interface LoadBackboneOptions {
  /**
   * Layers to read, in order (graph outputs, inner tensor names or node names). The first sets
   * the patch grid. @defaultValue the known backbone's layers, else the file's
   * `patchcore.layers` metadata, else every graph output
   */
  readonly layersToExtractFrom?: readonly string[];
  /** [3, H, W] the backbone is used with. @defaultValue [3, 224, 224] */
  readonly inputShape?: readonly [number, number, number];
  /** onnxruntime intra-op threads; 0 lets onnxruntime choose. @defaultValue 0 */
  readonly intraOpThreads?: number;
  /**
   * Whether onnxruntime's intra-op threads spin while waiting for work (onnxruntime's own
   * default is to spin). Spinning can shave a little latency on an idle machine but burns CPU;
   * on a shared 2-core machine it measured 3–5× slower per image at batch 1.
   * @defaultValue false
   */
  readonly intraOpSpinning?: boolean;
  /** Where the model runs. @defaultValue 'cpu' */
  readonly executionProvider?: ExecutionProvider;
  /** Folder holding known backbones' files. @defaultValue {@link defaultModelsDir} */
  readonly modelsDir?: string;
  /** Receives loading details. @defaultValue silentLogger */
  readonly logger?: Logger;
}

/**
 * Loads a backbone: a known name (`'mobilenetv2'`, `'wideresnet50'`, `'resnet18'`, read from
 * `<modelsDir>/<name>.onnx`) or a path to any ONNX file with an NCHW float input. Requested
 * layers that are inner nodes are exposed by editing the graph before the session is created.
 *
 * @example
 * ```ts
 * const backbone = await loadBackbone('mobilenetv2', { intraOpThreads: 2 });
 * const [layer6, layer10] = await backbone.extract({ data, shape: [1, 3, 224, 224] });
 * ```
 *
 * @param nameOrPath - a key of {@link KNOWN_BACKBONES} or a file path.
 * @param options - layers, input shape, threads, execution provider, models folder, logger.
 * @returns the feature extractor; call `dispose()` when done.
 * @throws {@link InvalidFileError} when the file is missing or not an ONNX model.
 * @throws {@link InvalidConfigError} for an unknown layer (listing the available ones) or a
 * normalisation in the metadata that cannot be read.
 * @throws {@link NativeDependencyError} when onnxruntime cannot create the session, e.g. CUDA
 * binaries are not installed.
 * @throws RangeError for an invalid `inputShape` or `intraOpThreads`.
 */
export async function loadBackbone(
  nameOrPath: string,
  options: LoadBackboneOptions = {},
): Promise<OnnxBackbone> {
  const logger = options.logger ?? silentLogger;
  const inputShape = validateInputShape(options.inputShape ?? [3, 224, 224]);
  const threads = options.intraOpThreads ?? 0;
  assertIntegerInRange('intraOpThreads', threads, 0, 1024);
  const known = Object.hasOwn(KNOWN_BACKBONES, nameOrPath)
    ? KNOWN_BACKBONES[nameOrPath]
    : undefined;
  const path = known ? join(options.modelsDir ?? defaultModelsDir(), known.file) : nameOrPath;
  const bytes = await readModel(path, known);

  const requested =
    options.layersToExtractFrom ?? known?.defaultLayers.map((layer) => layer.name) ?? [];
  const exposed = exposeLayers(bytes, requested, path);
  const input = pickInput(exposed.summary, path);
  const layers = [...exposed.layers];
  const normalization = readNormalization(exposed.summary, known, path, logger);
  const outputLayout = readOutputLayout(exposed.summary, path);
  const session = await createSession(exposed.bytes, path, {
    threads,
    spinning: options.intraOpSpinning ?? false,
    provider: options.executionProvider ?? 'cpu',
  });
  logger.info(
    () =>
      `backbone ${known?.name ?? path}: layers ${layers.join(', ')}; input '${input}' ` +
      `[N, ${inputShape.join(', ')}]; normalisation ${JSON.stringify(normalization)}`,
  );
  return new OnnxBackbone({
    session,
    inputName: input,
    layers,
    tensorNames: exposed.tensorNames,
    inputShape,
    outputLayout,
    logger,
    description: {
      name: known?.name ?? basename(path).replace(/\.onnx$/i, ''),
      checksum: createHash('sha256').update(bytes).digest('hex'),
      layers,
      normalization,
    },
  });
}

function validateInputShape(shape: readonly number[]): [number, number, number] {
  const [channels, height, width] = shape;
  if (
    shape.length !== 3 ||
    channels !== 3 ||
    ![height, width].every((d) => Number.isInteger(d) && (d ?? 0) > 0)
  ) {
    throw new RangeError(
      `inputShape must be [3, H, W] with positive integers, got [${shape.join(', ')}]`,
    );
  }
  return [3, height as number, width as number];
}

async function readModel(path: string, known: KnownBackbone | undefined): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const hint = known ? `; to create it, ${known.howToObtain}` : '';
    throw new InvalidFileError(path, `cannot read the backbone file${hint}`, { cause: error });
  }
}

function pickInput(summary: OnnxGraphSummary, path: string): string {
  const input = summary.inputs[0];
  if (summary.inputs.length !== 1 || input === undefined) {
    throw new InvalidFileError(
      path,
      `a backbone needs exactly one image input, found ${summary.inputs.length}: ${summary.inputs.map((i) => i.name).join(', ')}`,
    );
  }
  if (input.dims.length !== 4 || (typeof input.dims[1] === 'number' && input.dims[1] !== 3)) {
    throw new InvalidFileError(
      path,
      `input '${input.name}' has dims [${input.dims.join(', ')}], expected [N, 3, H, W]`,
    );
  }
  return input.name;
}

/**
 * The memory layout of the feature maps the graph outputs, from the file's `patchcore.layout`
 * metadata: `'NCHW'` (torchvision exports, the project's converter) or `'NHWC'` (channels-last
 * graphs, e.g. converted from Keras without transposes); NCHW when the file records none.
 */
function readOutputLayout(summary: OnnxGraphSummary, path: string): FeatureMapLayout {
  const recorded = summary.metadata['patchcore.layout'];
  if (recorded === undefined || recorded === 'NCHW') return 'NCHW';
  if (recorded === 'NHWC') return 'NHWC';
  throw new InvalidConfigError(
    'patchcore.layout',
    `${path}: metadata patchcore.layout must be 'NCHW' or 'NHWC', got '${recorded}'`,
  );
}

/**
 * The normalisation recorded in the file's `patchcore.normalization` metadata ('null' or JSON
 * `{"mean": [...], "std": [...]}`), else the known backbone's, else none.
 */
function readNormalization(
  summary: OnnxGraphSummary,
  known: KnownBackbone | undefined,
  path: string,
  logger: Logger,
): ChannelNormalization | null {
  const recorded = summary.metadata['patchcore.normalization'];
  if (recorded === undefined) {
    if (known) return known.normalization;
    logger.warn(
      `${path} records no patchcore.normalization metadata: feeding [0, 1] input without mean/std`,
    );
    return null;
  }
  const parsed = safeJson(recorded) as { mean?: unknown; std?: unknown } | null | undefined;
  if (parsed === null) return null;
  const valid = (v: unknown, positive: boolean): v is [number, number, number] =>
    Array.isArray(v) &&
    v.length === 3 &&
    v.every((x) => typeof x === 'number' && Number.isFinite(x) && (!positive || x > 0));
  if (parsed === undefined || !valid(parsed.mean, false) || !valid(parsed.std, true)) {
    throw new InvalidConfigError(
      'patchcore.normalization',
      `${path}: metadata patchcore.normalization must be 'null' or {"mean": [3 numbers], "std": [3 positive numbers]}, got ${recorded}`,
    );
  }
  return { mean: parsed.mean, std: parsed.std };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function createSession(
  bytes: Uint8Array,
  path: string,
  settings: { threads: number; spinning: boolean; provider: ExecutionProvider },
): Promise<ort.InferenceSession> {
  const { threads, spinning, provider } = settings;
  if (provider !== 'cpu' && provider !== 'cuda') {
    throw new InvalidConfigError(
      'executionProvider',
      `executionProvider must be 'cpu' or 'cuda', got '${String(provider)}'`,
    );
  }
  try {
    return await ort.InferenceSession.create(bytes, {
      executionProviders: [provider],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
      extra: { session: { intra_op: { allow_spinning: spinning ? '1' : '0' } } },
    });
  } catch (error) {
    const advice =
      provider === 'cuda'
        ? 'the CUDA execution provider is not available: install onnxruntime-node with its CUDA 12 ' +
          'binaries (its install script fetches them; this project skips that by default) and the ' +
          "CUDA runtime, or run on the CPU (executionProvider 'cpu'; device 'cpu' or 'auto' in " +
          'PatchCore.load and config files)'
        : `onnxruntime could not load ${path}`;
    throw new NativeDependencyError('onnxruntime-node', `${advice}: ${String(error)}`, {
      cause: error,
    });
  }
}
