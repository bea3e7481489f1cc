import { decodeImage } from '@patchcore/backbone';
import type { MaskBinarization } from '@patchcore/backbone';
import type { ImageSample, Logger } from '@patchcore/core';
import type { PatchCorePrediction } from './patchcore.js';

/** What each binarisation counts as a defect pixel, for the warning's explanation. */
const RULE_TEXT: Record<MaskBinarization, string> = {
  exact255:
    'counts a pixel as a defect only where its resized 8-bit value is exactly 255 (SPEC §1.2)',
  atLeastHalf: 'counts a pixel as a defect where its resized 8-bit value is at least 128',
  anyNonZero: 'counts a pixel as a defect where its resized 8-bit value is above 0',
};

/** One decoded mask: its size and its largest value. */
interface MaskSummary {
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly maxValue: number;
}

async function summarizeMask(path: string): Promise<MaskSummary> {
  const { width, height, pixels } = await decodeImage(path, 'grey');
  return { path, width, height, maxValue: pixels.reduce((a, b) => Math.max(a, b), 0) };
}

function warnOnSizeMismatch(
  mask: MaskSummary,
  prediction: PatchCorePrediction,
  logger: Logger,
): void {
  const { originalWidth, originalHeight } = prediction.geometry;
  if (mask.width === originalWidth && mask.height === originalHeight) return;
  logger.warn(
    () =>
      `mask ${mask.path} is ${mask.width}×${mask.height} but its image ${prediction.path} is ` +
      `${originalWidth}×${originalHeight}: each is resized and cropped on its own, so the ` +
      `defect region may not line up with the image; save the mask at the image's size`,
  );
}

/**
 * Warns about ground-truth masks that make the pixel metrics wrong or empty without an error:
 * a mask whose size differs from its image's (named with both sizes), and masks that hold
 * defect values but none the binarisation counts, typically 0/1 masks under R's `exact255`
 * rule. The metrics are still computed; these warnings say why they look the way they do.
 *
 * @param samples - the test samples, aligned with `predictions`.
 * @param predictions - their predictions (for the images' original sizes).
 * @param binarizedMasks - each sample's binarised mask at crop size (all 0 without a mask).
 * @param binarization - the rule that produced `binarizedMasks`.
 * @param logger - receives the warnings.
 * @throws {@link InvalidFileError} when a mask cannot be read or decoded.
 * @internal
 */
export async function warnOnMaskProblems(
  samples: readonly ImageSample[],
  predictions: readonly PatchCorePrediction[],
  binarizedMasks: readonly Uint8Array[],
  binarization: MaskBinarization,
  logger: Logger,
): Promise<void> {
  const blank: MaskSummary[] = [];
  let maskCount = 0;
  for (const [i, sample] of samples.entries()) {
    const prediction = predictions[i];
    if (sample.maskPath === undefined || prediction === undefined) continue;
    maskCount += 1;
    const mask = await summarizeMask(sample.maskPath);
    warnOnSizeMismatch(mask, prediction, logger);
    const binarized = binarizedMasks[i];
    const noDefectPixel = binarized === undefined || !binarized.includes(1);
    if (mask.maxValue > 0 && mask.maxValue < 255 && noDefectPixel) blank.push(mask);
  }
  const example = blank[0];
  if (example === undefined) return;
  logger.warn(
    () =>
      `${blank.length} of ${maskCount} masks hold no defect pixel under mask binarisation ` +
      `'${binarization}', which ${RULE_TEXT[binarization]}; e.g. ${example.path} has ` +
      `largest value ${example.maxValue}. Pixel metrics treat these masks as defect-free: ` +
      `save masks as 0/255 (0 nominal, 255 defect), not 0/1`,
  );
}
