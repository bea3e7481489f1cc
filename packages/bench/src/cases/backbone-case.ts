import type { FeatureExtractor } from '@patchcore/core';
import type {
  BenchmarkCase,
  BenchmarkMode,
  BenchmarkVariant,
  CaseSession,
} from '../benchmark-case.js';
import { importExports } from '../optional-import.js';
import { SeededRandom } from '../seeded-random.js';

/** The default backbone's name in `@patchcore/backbone`. */
const DEFAULT_BACKBONE = 'mobilenetv2';
const SIDE = 224;

const BATCH_SIZES: Readonly<Record<BenchmarkMode, readonly number[]>> = {
  quick: [1, 2],
  full: [1, 8],
};

function backboneVariants(mode: BenchmarkMode): BenchmarkVariant[] {
  return BATCH_SIZES[mode].map((batchSize, index) => ({
    id: `${DEFAULT_BACKBONE} batch=${batchSize}`,
    params: { backbone: DEFAULT_BACKBONE, batchSize, side: SIDE },
    ...(index === 0 ? {} : { relativeTo: `${DEFAULT_BACKBONE} batch=${BATCH_SIZES[mode][0]}` }),
  }));
}

type LoadBackbone = (
  nameOrPath: string,
  options?: Record<string, unknown>,
) => Promise<FeatureExtractor>;

/**
 * The default backbone's forward pass on 224 × 224 inputs at batch 1 and 8: milliseconds per
 * call and per image.
 */
export const backboneCase: BenchmarkCase = {
  name: 'backbone',
  title: 'Backbone',
  description:
    '`extract` of the default backbone on a batch of seeded normalised 3 × 224 × 224 images ' +
    '(onnxruntime-node, CPU). msPerImage: median call time over the batch size.',
  variants: backboneVariants,
  async setup(variant, context): Promise<CaseSession> {
    const module = await importExports('@patchcore/backbone', ['loadBackbone']);
    const loadBackbone = module['loadBackbone'] as LoadBackbone;
    const backbone = await loadBackbone(DEFAULT_BACKBONE, { logger: context.logger });
    const batchSize = variant.params['batchSize'] as number;
    const random = new SeededRandom(context.seed);
    const data = Float32Array.from({ length: batchSize * 3 * SIDE * SIDE }, () => random.normal());
    return {
      async iterate() {
        await backbone.extract({ data, shape: [batchSize, 3, SIDE, SIDE] });
        return undefined;
      },
      finish(timingsMs) {
        const median = timingsMs['wall']?.median ?? 0;
        const layers = backbone.describe().layers.join(' + ');
        return Promise.resolve({ figures: { msPerImage: median / batchSize }, facts: { layers } });
      },
      dispose: () => backbone.dispose(),
    };
  },
};
