import { InvalidConfigError } from '@patchcore/core';

/** What a faiss index factory string needs from the rows it is built from. */
export interface IndexRequirements {
  /**
   * The factory string as handed to faiss: trimmed, and with `np` appended to the PQ part of an
   * IVF-PQ index (see {@link indexRequirements}).
   */
  readonly description: string;
  /** True when the index is exact (`'Flat'`): search returns the true k nearest rows. */
  readonly exact: boolean;
  /** Fewest rows the training step accepts (1 when the index needs no training). */
  readonly minimumRows: number;
  /** The row dimension must be a multiple of this (PQ sub-quantizers); 1 when free. */
  readonly dimensionMultiple: number;
}

const IVF = /^IVF(\d+)(?:_HNSW\d+)?$/;
const PQ = /^PQ(\d+)(?:x(\d+))?(fs|np)?$/;
const TRANSFORM = /^(?:PCA|PCAR|PCAW|PCAWR|OPQ|RR|ITQ|L2norm)/;

/**
 * Reads the parts of a faiss index factory string that decide whether building can succeed,
 * so that the wrapper refuses bad input in JavaScript instead of letting faiss abort Node.
 *
 * Recognised: `Flat`, `IVF<nlist>` (needs ≥ nlist rows), `PQ<m>[x<bits>]` (dimension a multiple
 * of m, ≥ 2^bits rows), `HNSW<M>`, `SQ<bits>` / `SQfp16`. `IDMap` is refused: faiss-node has no
 * `add_with_ids`, and a plain `add` on an IDMap index aborts the process in the upstream addon.
 *
 * @param description - a faiss index factory string such as `'Flat'`, `'IVF512,PQ64'`,
 *   `'HNSW32'`.
 * @returns what the rows must satisfy.
 * @throws {@link InvalidConfigError} (key `index`) for an empty string, an IDMap, or a
 *   pre-transform (PCA, OPQ, ...), whose output dimension this wrapper does not track.
 */
export function indexRequirements(description: string): IndexRequirements {
  const trimmed = description.trim();
  if (trimmed === '') {
    throw new InvalidConfigError('index', `index must be a faiss factory string, got ''`);
  }
  let minimumRows = 1;
  let dimensionMultiple = 1;
  const parts = trimmed.split(',').map((p) => p.trim());
  const hasIvf = parts.some((p) => IVF.test(p));
  for (const [position, part] of parts.entries()) {
    if (/IDMap/i.test(part)) {
      throw new InvalidConfigError(
        'index',
        `index '${trimmed}' uses IDMap, which faiss-node cannot fill (add aborts the process); ` +
          'the memory bank numbers rows 0..M-1 itself, so drop the IDMap part',
      );
    }
    if (TRANSFORM.test(part)) {
      throw new InvalidConfigError(
        'index',
        `index '${trimmed}' starts with the transform '${part}', which this memory bank does ` +
          'not support (its dimension checks would be wrong); use Flat, IVF, PQ, SQ or HNSW',
      );
    }
    const ivf = IVF.exec(part);
    if (ivf) minimumRows = Math.max(minimumRows, Number(ivf[1]));
    const pq = PQ.exec(part);
    if (pq) {
      dimensionMultiple = Number(pq[1]);
      minimumRows = Math.max(minimumRows, 2 ** Number(pq[2] ?? 8));
      if (hasIvf && pq[3] === undefined) parts[position] = `${part}np`;
    }
  }
  const normalised = parts.join(',');
  return { description: normalised, exact: normalised === 'Flat', minimumRows, dimensionMultiple };
}
