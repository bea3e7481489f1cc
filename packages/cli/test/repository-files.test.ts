import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('repository files the CLI relies on', () => {
  it.each(['patchcore-predictions/widget_000.png', 'patchcore-model/manifest.json'])(
    'git ignores the default output %s when the CLI writes it in the repository',
    async (path) => {
      await expect(run('git', ['check-ignore', '-q', path], { cwd: repo })).resolves.toBeDefined();
    },
  );
});
