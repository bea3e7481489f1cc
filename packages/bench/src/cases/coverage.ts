import type { HostMatrix, MemoryBank } from '@patchcore/core';
import { createHostMatrix } from '@patchcore/core';
import type { CaseContext, VariantFigures } from '../benchmark-case.js';
import { CaseUnavailableError } from '../benchmark-case.js';
import { SeededRandom } from '../seeded-random.js';
import { createFaissMemoryBank } from './memory-bank-factory.js';

/** Probe rows whose nearest chosen row is looked up; more would cost minutes at full size. */
const PROBE_ROWS = 4_096;

function gatherRows(matrix: HostMatrix, indices: ArrayLike<number>): HostMatrix {
  const data = new Float32Array(indices.length * matrix.dims);
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i] as number;
    data.set(matrix.data.subarray(row * matrix.dims, (row + 1) * matrix.dims), i * matrix.dims);
  }
  return createHostMatrix(data, indices.length, matrix.dims);
}

/** Squared distance of each probe to its nearest chosen row, by brute force (no faiss). */
function nearestSquaredBruteForce(probes: HostMatrix, chosen: HostMatrix): Float32Array {
  const out = new Float32Array(probes.rows).fill(Number.POSITIVE_INFINITY);
  const d = probes.dims;
  for (let p = 0; p < probes.rows; p++) {
    for (let c = 0; c < chosen.rows; c++) {
      let sum = 0;
      for (let k = 0; k < d; k++) {
        const diff = (probes.data[p * d + k] as number) - (chosen.data[c * d + k] as number);
        sum += diff * diff;
      }
      if (sum < (out[p] as number)) out[p] = sum;
    }
  }
  return out;
}

async function nearestSquared(
  probes: HostMatrix,
  chosen: HostMatrix,
  context: CaseContext,
): Promise<{ squared: Float32Array; method: string }> {
  let bank: MemoryBank;
  try {
    bank = await createFaissMemoryBank('Flat', 1, context);
  } catch (error) {
    if (!(error instanceof CaseUnavailableError)) throw error;
    return { squared: nearestSquaredBruteForce(probes, chosen), method: 'brute force' };
  }
  try {
    await bank.build(chosen);
    return { squared: (await bank.search(probes, 1)).distances, method: 'faiss Flat' };
  } finally {
    bank.dispose();
  }
}

/**
 * How well the chosen rows cover the input: for a seeded subset of probe rows, the L2 distance
 * to the nearest chosen row; reports its maximum (the coverage radius over the probes, a lower
 * bound of the radius over all rows) and its mean.
 *
 * @param features - the sampler's input [N, D].
 * @param chosen - indices of the chosen rows.
 * @param context - seed, logger.
 * @returns `coverageRadius` and `meanNearestDistance`, and the probe count as a fact.
 */
export async function coverageFigures(
  features: HostMatrix,
  chosen: ArrayLike<number>,
  context: CaseContext,
): Promise<Required<VariantFigures>> {
  const probeCount = Math.min(PROBE_ROWS, features.rows);
  const probes = gatherRows(
    features,
    new SeededRandom(context.seed + 1).sampleIndices(probeCount, features.rows),
  );
  const { squared, method } = await nearestSquared(probes, gatherRows(features, chosen), context);
  let max = 0;
  let sum = 0;
  for (const value of squared) {
    const distance = Math.sqrt(Math.max(0, value));
    max = Math.max(max, distance);
    sum += distance;
  }
  return {
    figures: { coverageRadius: max, meanNearestDistance: sum / squared.length },
    facts: { coverageProbes: probeCount, coverageSearch: method },
  };
}
