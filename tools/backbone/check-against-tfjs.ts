/**
 * Prints the max abs difference between the converted default backbone (onnxruntime) and the
 * original nsfwjs MobileNetV2 (TensorFlow.js, CPU backend) on real images.
 *
 * Usage: npx tsx tools/backbone/check-against-tfjs.ts [image …]
 * (default: four images from ../shared/data beside the repository, resized 256 and cropped
 * 224 like PatchCore)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBackbone, preprocessImage } from '@patchcore/backbone';
import { DEFAULT_BACKBONE_OUTPUTS, buildDefaultBackbone } from './default-backbone.js';
import { packNsfwjsMobileNetV2 } from './nsfwjs-package.js';
import { runTfjsReference } from './tfjs-reference.js';

// The shared test data sits beside the repository: <repo>/../shared/data.
const data = new URL('../../../shared/data/', import.meta.url).pathname;
const images =
  process.argv.length > 2
    ? process.argv.slice(2)
    : [
        'bottle/train/good/000.png',
        'bottle/test/broken_large/000.png',
        'textures/brick/000.png',
        'textures/grass/000.png',
      ].map((file) => join(data, file));

const work = await mkdtemp(join(tmpdir(), 'check-tfjs-'));
try {
  const source = await packNsfwjsMobileNetV2(work);
  const path = join(work, 'mobilenetv2.onnx');
  await writeFile(path, buildDefaultBackbone(source));
  const plane = 3 * 224 * 224;
  const batch = new Float32Array(images.length * plane);
  for (const [i, image] of images.entries())
    batch.set((await preprocessImage(image)).data, i * plane);
  const shape = [images.length, 3, 224, 224] as [number, number, number, number];
  const reference = await runTfjsReference(
    source.artifacts,
    DEFAULT_BACKBONE_OUTPUTS,
    batch,
    shape,
  );
  const backbone = await loadBackbone(path, { intraOpThreads: 2 });
  const maps = await backbone.extract({ data: batch, shape });
  await backbone.dispose();
  for (const [i, map] of maps.entries()) {
    let max = 0;
    let largest = 0;
    for (let k = 0; k < map.data.length; k++) {
      max = Math.max(max, Math.abs(map.data[k]! - reference[i]!.data[k]!));
      largest = Math.max(largest, Math.abs(reference[i]!.data[k]!));
    }
    console.log(
      `${map.layer} [${map.shape.join(', ')}]: max abs difference ${max.toExponential(2)} (largest |value| ${largest})`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
