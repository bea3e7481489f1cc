import { NativeDependencyError, silentLogger } from '@patchcore/core';
import type * as NodeModule from 'node:module';
import { describe, expect, it, vi } from 'vitest';

// Simulates a platform where the addon was never built: require() of faiss-node fails the way
// the `bindings` package fails. Module state is per test file, so the real load elsewhere is
// not affected.
vi.mock('node:module', async (importOriginal) => {
  const original = await importOriginal<typeof NodeModule>();
  return {
    // eslint-disable-next-line @typescript-eslint/no-misused-spread -- a module namespace, not a class
    ...original,
    createRequire: (url: string | URL) => {
      const real = original.createRequire(url);
      const fake = ((id: string) => {
        if (id.includes('faiss-node')) {
          throw new Error(
            'Could not locate the bindings file. Tried: build/Release/faiss-node.node',
          );
        }
        return real(id) as unknown;
      }) as NodeJS.Require;
      return Object.assign(fake, { resolve: real.resolve });
    },
  };
});

describe('loadFaiss', () => {
  it('throws NativeDependencyError saying why and how to build when the addon is missing', async () => {
    const { loadFaiss } = await import('../src/faiss-addon.js');
    const error = (() => {
      try {
        loadFaiss(1, silentLogger);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(NativeDependencyError);
    expect((error as Error).message).toMatch(/was never built for this platform/);
    expect((error as Error).message).toMatch(/bash tools\/setup\.sh/);
    expect((error as NativeDependencyError).packageName).toBe('faiss-node');
  });
});
