import { afterEach, beforeEach, vi } from 'vitest';

// Library code logs through the injected Logger, never the console. A console call whose
// caller is a package's own source file fails the test; third-party chatter (TensorFlow.js
// greets on the console) passes through.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const librarySource = /\/packages\/[^/]+\/src\//;
let calls: string[] = [];

beforeEach(() => {
  calls = [];
  for (const method of methods) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      const caller = new Error().stack?.split('\n').slice(2, 4).join('\n') ?? '';
      if (librarySource.test(caller)) {
        calls.push(`console.${method}: ${args.map(String).join(' ')}`);
      } else {
        original(...args);
      }
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (calls.length > 0) {
    throw new Error(`library code wrote to the console:\n${calls.join('\n')}`);
  }
});
