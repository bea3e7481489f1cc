import { z } from 'zod';

/** Layers of the default MobileNetV2 backbone read at stride 8 and 16 (SPEC §1.4). */
export const DEFAULT_LAYERS: readonly string[] = Object.freeze([
  'block_6_expand_relu',
  'block_10_expand_relu',
]);

const percentage = z
  .number()
  .gt(0)
  .lt(1)
  .default(0.1)
  .describe('share of training patches kept, in the open interval (0, 1)');
const seed = z.int().min(0).default(0).describe('seed of every random draw of the sampler');
const dimensionToProjectFeaturesTo = z
  .int()
  .min(1)
  .default(128)
  .describe('dimension of the random projection used to choose rows');
const samplerDevice = z
  .enum(['auto', 'cpu', 'gpu'])
  .default('auto')
  .describe('TensorFlow.js device of the greedy samplers');

const identitySampler = z.strictObject({ name: z.literal('identity') });
const randomSampler = z.strictObject({
  name: z.literal('random'),
  percentage,
  seed,
});
const greedySampler = z.strictObject({
  name: z.literal('greedy_coreset'),
  percentage,
  seed,
  dimensionToProjectFeaturesTo,
  device: samplerDevice,
});
const approxGreedySampler = z.strictObject({
  // The default sampler: a section without `name` is this one, so every key stays optional.
  name: z.literal('approx_greedy_coreset').default('approx_greedy_coreset'),
  percentage,
  seed,
  dimensionToProjectFeaturesTo,
  numberOfStartingPoints: z.int().min(1).default(10),
  device: samplerDevice,
});

/**
 * Schema of the `sampler` section: one object per sampler, chosen by `name`; without `name`
 * the section is read as `approx_greedy_coreset`.
 */
export const samplerConfigSchema = z.discriminatedUnion('name', [
  identitySampler,
  randomSampler,
  greedySampler,
  approxGreedySampler,
]);

/**
 * The one schema of a `patchcore` config file (JSON or YAML). Every field has a default, so
 * `{}` is a valid config; unknown keys are errors. Keys are the seed's parameter names in
 * camelCase, so a config maps key for key onto `PatchCore.load` options.
 */
export const patchcoreConfigSchema = z.strictObject({
  category: z
    .string()
    .min(1)
    .optional()
    .describe('name shown in reports; default: the base name of data.path'),
  data: z
    .strictObject({
      path: z
        .string()
        .min(1)
        .optional()
        .describe('training data: an MVTec category folder, an image folder or a manifest'),
      layout: z.enum(['mvtec', 'folder', 'manifest']).default('mvtec'),
    })
    .prefault({}),
  backbone: z
    .string()
    .min(1)
    .default('mobilenetv2')
    .describe('a known backbone name or the path of an ONNX file'),
  layersToExtractFrom: z
    .array(z.string().min(1))
    .min(1)
    .default([...DEFAULT_LAYERS]),
  device: z.enum(['auto', 'cpu', 'gpu']).default('auto'),
  inputShape: z
    .tuple([z.literal(3), z.int().min(16).max(4096), z.int().min(16).max(4096)])
    .default([3, 224, 224]),
  resize: z.int().min(16).max(4096).default(256),
  pretrainEmbedDimension: z.int().min(1).default(1024),
  targetEmbedDimension: z.int().min(1).default(1024),
  patchsize: z.int().min(1).max(15).default(3),
  anomalyScoreNumNn: z.int().min(1).default(1),
  imageScore: z
    .union(
      [
        z.literal('max'),
        z.strictObject({
          reweighting: z.strictObject({ neighbors: z.int().min(1).default(9) }).prefault({}),
        }),
      ],
      { error: "expected 'max' or { reweighting: { neighbors: <integer> } }" },
    )
    .default('max')
    .describe("'max' (R) or { reweighting: { neighbors } } (the paper's Eq. 7)"),
  batchSize: z.int().min(1).max(256).default(2).describe('images per backbone call'),
  sampler: samplerConfigSchema.prefault({}),
  memoryBank: z
    .strictObject({
      index: z.string().min(1).default('Flat').describe("faiss factory string, e.g. 'Flat'"),
      threads: z.int().min(1).max(1024).default(1).describe('faiss and OpenBLAS threads'),
      searchParameters: z
        .strictObject({
          nprobe: z.int().min(1).optional().describe('IVF lists searched per query'),
          efSearch: z.int().min(1).optional().describe('HNSW candidate list length'),
        })
        .default({})
        .describe('faiss search parameters, saved with the model'),
    })
    .prefault({}),
  threads: z.int().min(0).default(0).describe('backbone threads; 0 lets onnxruntime choose'),
  output: z
    .strictObject({
      modelDir: z.string().min(1).default('patchcore-model'),
    })
    .prefault({}),
});

/** A config as written in a file: every key optional. */
export type PatchcoreConfigInput = z.input<typeof patchcoreConfigSchema>;

/** A validated config with every default filled in (what is saved beside the model). */
export type ResolvedPatchcoreConfig = z.output<typeof patchcoreConfigSchema>;

/** The resolved `sampler` section. */
export type ResolvedSamplerConfig = ResolvedPatchcoreConfig['sampler'];
