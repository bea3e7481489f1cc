/**
 * Setup step: makes sure `<models>/mobilenetv2.onnx` exists and matches its recorded sha256.
 * When it does, this only hashes the 1 MB file. Otherwise it packs nsfwjs\@4.4.0 from the npm
 * registry into a temporary folder, converts its MobileNetV2 with tools/backbone/tfjs-to-onnx.ts,
 * checks the result against the recorded checksum (the conversion is deterministic) and writes
 * it atomically. The models folder is env PATCHCORE_MODELS_DIR, else the repository's models/.
 *
 * Usage: npx tsx tools/backbone/ensure-default-backbone.ts [--force]
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_BACKBONE_SHA256, buildDefaultBackbone } from './default-backbone.js';
import { packNsfwjsMobileNetV2 } from './nsfwjs-package.js';

const say = (message: string): void => console.error(`[backbone] ${message}`);

async function sha256Of(path: string): Promise<string | undefined> {
  try {
    return createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  // The same rule as the backbone package's defaultModelsDir: an empty value counts as unset.
  const fromEnv = process.env['PATCHCORE_MODELS_DIR'];
  const modelsDir = fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(root, 'models');
  const target = join(modelsDir, 'mobilenetv2.onnx');
  const force = process.argv.includes('--force');

  const existing = await sha256Of(target);
  if (!force && existing === DEFAULT_BACKBONE_SHA256) {
    say(`${target} is in place (sha256 ${existing.slice(0, 12)}…)`);
    return;
  }
  if (existing !== undefined && !force)
    say(`${target} has sha256 ${existing}, expected ${DEFAULT_BACKBONE_SHA256}: rebuilding`);

  const work = await mkdtemp(join(tmpdir(), 'patchcore-nsfwjs-'));
  try {
    say('packing nsfwjs@4.4.0 from the npm registry and converting its MobileNetV2');
    const bytes = buildDefaultBackbone(await packNsfwjsMobileNetV2(work));
    const checksum = createHash('sha256').update(bytes).digest('hex');
    if (checksum !== DEFAULT_BACKBONE_SHA256) {
      throw new Error(
        `converted model has sha256 ${checksum}, expected ${DEFAULT_BACKBONE_SHA256}; not written`,
      );
    }
    await mkdir(modelsDir, { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, target);
    say(`wrote ${target} (${bytes.length} bytes, sha256 ${checksum.slice(0, 12)}…)`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  say(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
