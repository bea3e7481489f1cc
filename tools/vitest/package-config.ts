import { defineConfig } from 'vitest/config';

/**
 * The vitest configuration every package shares: tests under `test/`, Node environment,
 * workspace packages resolved to their TypeScript sources, and a console guard.
 *
 * @param name - the package's short name, shown in vitest's output.
 * @returns the configuration object for the package's `vitest.config.ts`.
 */
export function packageTestConfig(name: string) {
  return defineConfig({
    resolve: { conditions: ['@patchcore/source'] },
    ssr: { resolve: { conditions: ['@patchcore/source'] } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      environment: 'node',
      testTimeout: 120_000,
      hookTimeout: 120_000,
      setupFiles: [new URL('./fail-on-console.ts', import.meta.url).pathname],
    },
  });
}
