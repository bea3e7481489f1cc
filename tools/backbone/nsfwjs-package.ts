/**
 * Fetches the nsfwjs npm package with `npm pack` (it cannot be a dependency: its engines field
 * wants Node 22.13 exactly) and reads its MobileNetV2 layers model. nsfwjs ships model.json and
 * the weight shard as browserify UMD bundles; they are evaluated in an empty vm context, which
 * only has to hand back their `module.exports` (an object and a base64 string).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import type { TfjsLayersArtifacts, WeightSpec } from './tfjs-artifacts.js';

const run = promisify(execFile);

/** Where the default backbone comes from. */
export const NSFWJS_SOURCE = {
  package: 'nsfwjs',
  version: '4.4.0',
  /** `dist.integrity` of nsfwjs\@4.4.0 on the npm registry. */
  integrity:
    'sha512-krC1fgeTLXtZwgdpKJ0jm7hqv0gTSRQQRL+FhOaxaJ9Wj92t42BO3csO2odwgTAgZgf2RvkwPtp0R8Aa7dc+MA==',
  modelFolder: 'package/dist/models/mobilenet_v2',
  license: 'MIT',
} as const;

/** The unpacked MobileNetV2 of nsfwjs. */
export interface NsfwjsMobileNetV2 {
  readonly artifacts: TfjsLayersArtifacts;
  /** nsfwjs's LICENSE text. */
  readonly licenseText: string;
}

/**
 * Packs nsfwjs into `directory`, checks the tarball against the recorded integrity and unpacks
 * the MobileNetV2 model and the licence.
 *
 * @param directory - an empty temporary directory.
 * @returns the model's artifacts and licence text.
 * @throws Error when npm fails or the tarball's sha512 differs from the recorded one.
 */
export async function packNsfwjsMobileNetV2(directory: string): Promise<NsfwjsMobileNetV2> {
  const spec = `${NSFWJS_SOURCE.package}@${NSFWJS_SOURCE.version}`;
  const { stdout } = await run('npm', ['pack', spec, '--json', '--pack-destination', directory], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (packed === undefined) throw new Error(`npm pack ${spec} reported no file`);
  const tarball = join(directory, packed.filename);
  const integrity = `sha512-${createHash('sha512')
    .update(await readFile(tarball))
    .digest('base64')}`;
  if (integrity !== NSFWJS_SOURCE.integrity) {
    throw new Error(
      `${tarball}: integrity ${integrity} differs from the recorded ${NSFWJS_SOURCE.integrity}`,
    );
  }
  await run('tar', [
    '-xzf',
    tarball,
    '-C',
    directory,
    'package/LICENSE',
    NSFWJS_SOURCE.modelFolder,
  ]);
  return readNsfwjsMobileNetV2(
    join(directory, NSFWJS_SOURCE.modelFolder),
    join(directory, 'package/LICENSE'),
  );
}

/**
 * Reads the MobileNetV2 bundles of an unpacked nsfwjs.
 *
 * @param modelFolder - `…/dist/models/mobilenet_v2`.
 * @param licensePath - nsfwjs's LICENSE file.
 * @returns the layers model's artifacts and the licence text.
 */
export async function readNsfwjsMobileNetV2(
  modelFolder: string,
  licensePath: string,
): Promise<NsfwjsMobileNetV2> {
  const modelJson = (await evaluateBundle(join(modelFolder, 'model.min.js'))) as {
    modelTopology: Record<string, unknown>;
    weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  };
  const shards: Buffer[] = [];
  for (const group of modelJson.weightsManifest) {
    for (const path of group.paths) {
      const base64 = await evaluateBundle(join(modelFolder, `${path}.min.js`));
      if (typeof base64 !== 'string')
        throw new Error(`${path}.min.js did not export a base64 string`);
      shards.push(Buffer.from(base64, 'base64'));
    }
  }
  const weightData = Buffer.concat(shards);
  return {
    artifacts: {
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
      weightData: weightData.buffer.slice(
        weightData.byteOffset,
        weightData.byteOffset + weightData.byteLength,
      ),
    },
    licenseText: await readFile(licensePath, 'utf8'),
  };
}

async function evaluateBundle(path: string): Promise<unknown> {
  const code = await readFile(path, 'utf8');
  const module = { exports: {} as unknown };
  runInNewContext(code, { module, exports: module.exports }, { filename: path, timeout: 30_000 });
  // Objects built inside the vm context fail `instanceof Array` here (another realm), which
  // TensorFlow.js's config parser relies on: copy them into this realm.
  const exported = module.exports;
  return typeof exported === 'string'
    ? exported
    : (JSON.parse(JSON.stringify(exported)) as unknown);
}
