import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** Debian's chromium, driven by playwright-core. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What a headless browser saw when it opened a report. */
export interface BrowserCheck {
  /** Console messages of type error, and uncaught page errors. */
  readonly errors: string[];
  /** Requests that failed or left the file (anything not file: or data:). */
  readonly badRequests: string[];
  /** naturalWidth of every img element. */
  readonly imageWidths: number[];
  /** Number of inline svg elements. */
  readonly svgCount: number;
  /** Text of the metrics table. */
  readonly metricsText: string;
}

/**
 * Opens an HTML file in headless chromium (fresh profile) and reports console errors, failed
 * or external requests, image sizes and charts.
 *
 * @param htmlPath - the report file.
 */
export async function checkReportInBrowser(htmlPath: string): Promise<BrowserCheck> {
  const profile = await mkdtemp(join(tmpdir(), 'patchcore-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    const badRequests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('requestfailed', (request) => badRequests.push(`failed: ${request.url()}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('file:') && !url.startsWith('data:')) badRequests.push(url);
    });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    // Browser-side expressions as strings: this package is type-checked without the DOM lib.
    const imageWidths = await page.evaluate<number[]>(
      'Array.from(document.images).map((image) => (image.complete ? image.naturalWidth : 0))',
    );
    const svgCount = await page.locator('svg').count();
    const metricsText = await page.evaluate<string>(
      "document.querySelector('#metrics')?.textContent ?? ''",
    );
    return { errors, badRequests, imageWidths, svgCount, metricsText };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
