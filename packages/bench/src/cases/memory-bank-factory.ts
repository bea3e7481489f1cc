import type { MemoryBank } from '@patchcore/core';
import type { CaseContext } from '../benchmark-case.js';
import { importExports } from '../optional-import.js';

type FaissMemoryBankConstructor = new (options: Record<string, unknown>) => MemoryBank;

/**
 * Builds an empty `FaissMemoryBank` of `@patchcore/memory-bank`.
 *
 * @param index - faiss factory string, e.g. `'Flat'` or `'IVF512,PQ64'`.
 * @param threads - faiss and OpenBLAS threads.
 * @param context - the case's logger.
 * @param searchParameters - e.g. `{ nprobe: 8 }`.
 * @returns the bank.
 * @throws {@link CaseUnavailableError} when the package does not export the class.
 */
export async function createFaissMemoryBank(
  index: string,
  threads: number,
  context: Pick<CaseContext, 'logger'>,
  searchParameters: Readonly<Record<string, number>> = {},
): Promise<MemoryBank> {
  const module = await importExports('@patchcore/memory-bank', ['FaissMemoryBank']);
  const FaissMemoryBank = module['FaissMemoryBank'] as FaissMemoryBankConstructor;
  return new FaissMemoryBank({ index, threads, searchParameters, logger: context.logger });
}
