import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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

  it('the quickstart config suggests a config command that works from the repository root', async () => {
    const yaml = await readFile(join(repo, 'examples/configs/quickstart.yaml'), 'utf8');
    const comment = yaml
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .map((line) => line.replace(/^# ?/, ''))
      .join(' ');
    const command = /`([^`]* config[^`]*)`/.exec(comment)?.[1];
    expect(command).toBeDefined();
    const { stdout } = await run('sh', ['-c', command!], {
      cwd: repo,
      timeout: 60_000,
      env: { ...process.env, npm_config_offline: 'true' },
    });
    expect(stdout).toContain('approx_greedy_coreset');
  }, 70_000);
});
