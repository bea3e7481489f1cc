import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/exit-codes.js';
import { runCli } from '../src/program.js';
import { captureIo } from './helpers/capture-io.js';
import { CHROMIUM_PATH, checkReportInBrowser } from './helpers/check-report-in-browser.js';
import { createFakePipeline } from './helpers/fake-pipeline.js';
import { createSyntheticCategory } from './helpers/synthetic-category.js';

const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) {
  process.stderr.write(
    `report-browser.test.ts skipped: ${CHROMIUM_PATH} is missing ` +
      '(install it with `bash tools/setup.sh --with-browser` or apt-get install chromium)\n',
  );
}

describe.skipIf(!hasChromium)('evaluation report in headless chromium', () => {
  it('loads with no console error, no outside request, and every image decoded', async () => {
    const category = await createSyntheticCategory();
    const model = join(category, '../model');
    const report = join(category, '../report');
    const pipeline = () => Promise.resolve(createFakePipeline());
    const io = captureIo();
    expect(await runCli(['fit', '-d', category, '-o', model], { io, pipeline })).toBe(
      EXIT_CODES.OK,
    );
    expect(
      await runCli(['evaluate', '-m', model, '-d', category, '-o', report, '--cases', '2'], {
        io,
        pipeline,
      }),
    ).toBe(EXIT_CODES.OK);

    const seen = await checkReportInBrowser(join(report, 'report.html'));

    expect(seen.errors).toEqual([]);
    expect(seen.badRequests).toEqual([]);
    expect(seen.imageWidths).toHaveLength(4);
    expect(seen.imageWidths.every((width) => width > 0)).toBe(true);
    expect(seen.svgCount).toBe(2);
    expect(seen.metricsText).toContain('image AUROC');
  });
});
