import { rm } from 'node:fs/promises';
import { launchChromium } from '../chromium.js';
import { serveDirectory } from '../serve-directory.js';
import { buildConformancePage } from './build-page.js';
import type { PageReport } from './page.js';

/** The page's report plus how long the whole run took (bundle, browser start, suite). */
export interface ChromiumRun extends PageReport {
  readonly seconds: number;
}

/**
 * Bundles the conformance page, serves it, opens it in headless Chromium and waits for its
 * results. Throws with the page's own error (or its console) when the page fails before
 * publishing results.
 *
 * @example
 * ```ts
 * const { results } = await runConformanceInChromium();
 * ```
 */
export async function runConformanceInChromium(timeoutMs = 240_000): Promise<ChromiumRun> {
  const start = performance.now();
  const dir = await buildConformancePage();
  const server = await serveDirectory(dir);
  const browser = await launchChromium();
  const pageErrors: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction(() => window.saddleConformance !== undefined, undefined, { timeout: timeoutMs, polling: 250 })
      .catch((error: unknown) => {
        throw new Error(`the page published no results (${String(error)}); page errors: ${pageErrors.join(' | ') || 'none'}`);
      });
    const report = await page.evaluate(() => window.saddleConformance);
    if (report === undefined || 'fatal' in report) throw new Error(`the conformance page failed: ${report?.fatal ?? 'no report'}`);
    return { ...report, seconds: (performance.now() - start) / 1000 };
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
