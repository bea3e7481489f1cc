import { describe, expect, it } from 'vitest';
import { imageAuroc, pixelAuroc } from '../src/index.js';
import { pairwiseAuroc, seededRandom } from './reference.js';

describe('imageAuroc', () => {
  it.each([
    { name: 'perfectly separated', scores: [0.1, 0.2, 0.8, 0.9], labels: [0, 0, 1, 1], auroc: 1 },
    { name: 'fully inverted', scores: [0.9, 0.8, 0.1, 0.2], labels: [0, 0, 1, 1], auroc: 0 },
    { name: 'one swapped pair', scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1], auroc: 0.75 },
    { name: 'all scores tied', scores: [3, 3, 3, 3, 3], labels: [0, 1, 0, 1, 0], auroc: 0.5 },
    // pairs: (0.5 vs 0.5) ½ twice, (0.2 vs 0.5) 0 twice -> 1 / 4
    { name: 'ties across labels', scores: [0.5, 0.5, 0.5, 0.2], labels: [1, 0, 0, 1], auroc: 0.25 },
    // mid-ranks: 0.1→1, 0.3→3 (three ties at ranks 2-4), 0.7→5.5 (two ties) ; R⁺ = 3 + 5.5 + 5.5
    // AUROC = (R⁺ − 3·4/2) / (3·3) = (14 − 6) / 9
    {
      name: 'ties within and across labels',
      scores: [0.1, 0.3, 0.3, 0.3, 0.7, 0.7],
      labels: [0, 0, 1, 0, 1, 1],
      auroc: 8 / 9,
    },
  ])('returns $auroc when $name', ({ scores, labels, auroc }) => {
    expect(imageAuroc(scores, labels)).toBeCloseTo(auroc, 12);
  });

  it('matches the pair definition when many scores tie', () => {
    const random = seededRandom(7);
    const scores = Array.from({ length: 300 }, () => Math.floor(random() * 12));
    const labels = scores.map((s) => (random() < 0.2 + s / 20 ? 1 : 0));
    expect(imageAuroc(scores, labels)).toBeCloseTo(pairwiseAuroc(scores, labels), 12);
    expect(imageAuroc(Float32Array.from(scores), labels)).toBeCloseTo(
      pairwiseAuroc(scores, labels),
      12,
    );
  });

  it('throws naming the counts when only one label is present', () => {
    expect(() => imageAuroc([0.1, 0.2], [0, 0])).toThrow(/0 anomalous and 2 nominal/);
    expect(() => imageAuroc([0.1, 0.2], [1, 1])).toThrow(/2 anomalous and 0 nominal/);
  });

  it('throws naming the value when a score is NaN or a label is not 0 or 1', () => {
    expect(() => imageAuroc([0.1, Number.NaN], [0, 1])).toThrow(/NaN at index 1/);
    expect(() => imageAuroc([0.1, 0.2], [0, 2])).toThrow(/labels holds 2 at index 1/);
  });

  it('throws when scores and labels differ in length', () => {
    expect(() => imageAuroc([0.1, 0.2, 0.3], [0, 1])).toThrow(/3 scores and 2 labels/);
  });
});

describe('pixelAuroc', () => {
  const maps = [
    { data: Float32Array.from([0.9, 0.2, 0.4, 0.1]), width: 2, height: 2 },
    { data: Float32Array.from([0.5, 0.3, 0.3, 0.6]), width: 2, height: 2 },
  ];
  const masks = [
    { data: Uint8Array.from([1, 0, 1, 0]), width: 2, height: 2 },
    { data: Uint8Array.from([0, 0, 0, 0]), width: 2, height: 2 },
  ];

  it('pools every pixel of every image when the variant is full', () => {
    // positives 0.9, 0.4; negatives 0.2, 0.1, 0.5, 0.3, 0.3, 0.6 -> (6 + 4) / 12
    expect(pixelAuroc(maps, masks)).toBeCloseTo(10 / 12, 12);
  });

  it('covers only images with a defect when the variant is anomalous', () => {
    // positives 0.9, 0.4; negatives 0.2, 0.1 -> 4 / 4
    expect(pixelAuroc(maps, masks, { variant: 'anomalous' })).toBe(1);
  });

  it('matches the pair definition on random tied maps', () => {
    const random = seededRandom(11);
    const grids = Array.from({ length: 4 }, () => {
      const scores = Array.from({ length: 30 }, () => Math.round(random() * 8) / 8);
      const mask = scores.map((s) => (random() < s * 0.6 ? 1 : 0));
      return { scores, mask };
    });
    const allScores = grids.flatMap((g) => g.scores);
    const allLabels = grids.flatMap((g) => g.mask);
    const result = pixelAuroc(
      grids.map((g) => ({ data: g.scores, width: 6, height: 5 })),
      grids.map((g) => ({ data: g.mask, width: 6, height: 5 })),
    );
    expect(result).toBeCloseTo(pairwiseAuroc(allScores, allLabels), 12);
  });

  it('throws naming the image when a map and its mask differ in size', () => {
    const wide = { data: new Float32Array(6), width: 3, height: 2 };
    expect(() => pixelAuroc([maps[0]!, wide], masks)).toThrow(
      /anomalyMaps\[1\] is 3x2 but masks\[1\] is 2x2/,
    );
  });

  it('throws when a mask holds 255 instead of 1', () => {
    const raw = { data: Uint8Array.from([255, 0, 0, 0]), width: 2, height: 2 };
    expect(() => pixelAuroc([maps[0]!], [raw])).toThrow(/masks\[0\] holds 255 at index 0/);
  });

  it('throws when the anomalous variant finds no defect', () => {
    expect(() => pixelAuroc([maps[1]!], [masks[1]!], { variant: 'anomalous' })).toThrow(
      /covers no image/,
    );
  });
});
