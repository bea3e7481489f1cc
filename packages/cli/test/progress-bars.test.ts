import { describe, expect, it } from 'vitest';
import { createProgressDisplay, formatElapsed } from '../src/output/progress-bars.js';
import { createStreamLogger } from '../src/output/stderr-logger.js';

function sink(isTTY: boolean) {
  let text = '';
  return { write: (chunk: string) => (text += chunk), isTTY, columns: 100, text: () => text };
}

describe('createProgressDisplay', () => {
  it('draws a bar with the stage, counts and elapsed time when stderr is a terminal', () => {
    const stderr = sink(true);
    const display = createProgressDisplay(stderr);
    display.onProgress({ stage: 'extract', done: 3, total: 10, elapsedMs: 1500 });
    display.onProgress({ stage: 'sample', done: 5, total: 20, elapsedMs: 200 });
    display.stop();
    expect(stderr.text()).toContain('feature extraction');
    expect(stderr.text()).toContain('3/10');
    expect(stderr.text()).toContain('1.5 s');
    expect(stderr.text()).toContain('coreset selection');
  });

  it('prints log lines above the bars when a bar is active', () => {
    const stderr = sink(true);
    const display = createProgressDisplay(stderr);
    display.onProgress({ stage: 'extract', done: 1, total: 10, elapsedMs: 1 });
    display.logSink.write('hello\n');
    display.stop();
    display.logSink.write('after\n');
    expect(stderr.text()).toContain('hello');
    expect(stderr.text().endsWith('after\n')).toBe(true);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const stderr = sink(false);
    const display = createProgressDisplay(stderr);
    display.onProgress({ stage: 'extract', done: 3, total: 10, elapsedMs: 1 });
    display.stop();
    expect(stderr.text()).toBe('');
  });

  it('writes nothing when disabled on a terminal', () => {
    const stderr = sink(true);
    const display = createProgressDisplay(stderr, false);
    display.onProgress({ stage: 'extract', done: 3, total: 10, elapsedMs: 1 });
    expect(stderr.text()).toBe('');
  });
});

describe('formatElapsed', () => {
  it.each([
    [1234, '1.2 s'],
    [125_000, '2 min 05 s'],
    [119_600, '2 min 00 s'],
  ])('formats %s ms as %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe('createStreamLogger', () => {
  it('drops debug unless verbose and info when quiet, and always writes warnings', () => {
    const quiet = sink(false);
    const logger = createStreamLogger(quiet, 'quiet');
    logger.debug('d');
    logger.info('i');
    logger.warn(() => 'w');
    expect(quiet.text()).toBe('warning: w\n');
    const verbose = sink(false);
    createStreamLogger(verbose, 'verbose').debug('d');
    expect(verbose.text()).toBe('debug: d\n');
  });
});
