// A browser consumer of the packed tarballs (issue 13): a fresh npm project outside the workspace
// with only @saddle/core, losses, optimizers and backend-wasm (their tarballs), tfjs-core and the
// catalog's vite; `vite build` of a page (vite-page/) that plays the custom game of play.cjs on
// the wasm backend, the binaries copied by the documented `wasmFiles()` setup; dist/ served on
// 127.0.0.1 and opened in headless Chromium. The page must reach the game's closed form, log no
// console errors and request nothing from another origin. Without Chromium it skips with the
// reason locally and fails under CI=1 (tooling/browser's convention).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumMissingReason, launchChromium, serveDirectory } from '@saddle/browser-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packsForRun } from '../../scripts/pack-all.mjs';
import { catalogVersion, checkGame, checkInstall, consumer, INSTALL_TIMEOUT, keepConsumers, type Consumer, type GameResult, type Pack } from './consumer.js';

const SUITE = 'a Vite production build from the packed tarballs, run in headless Chromium';
const VITE_VERSION = catalogVersion('vite');
const missing = chromiumMissingReason();
const BROWSER_TIMEOUT = 90_000;

if (missing !== undefined && process.env.CI !== '1') {
  describe(SUITE, () => {
    it.skip(`skipped: ${missing}`, () => undefined);
  });
} else {
  describe(SUITE, () => {
    let c: Consumer | undefined;
    const timings: Record<string, number> = {};

    beforeAll(() => {
      if (missing !== undefined) return;
      c = consumer(packsForRun() as Pack[], ['@saddle/core', '@saddle/losses', '@saddle/optimizers', '@saddle/backend-wasm'], {
        files: ['play.cjs', 'vite-page/index.html', 'vite-page/main.js', 'vite-page/vite.config.mjs'],
        registry: [`vite@${VITE_VERSION}`],
      });
      timings.install = c.installSeconds;
    }, INSTALL_TIMEOUT);

    afterAll(() => {
      console.log(`vite consumer timings (s): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Number(v.toFixed(1))])))}`);
      if (c !== undefined && !keepConsumers) rmSync(c.dir, { recursive: true, force: true });
    });

    it('Chromium is installed (required when CI=1)', () => {
      expect(missing, 'CI runs the browser suites; .ci/run installs Debian chromium').toBeUndefined();
    });

    it(`installs the four tarballs and vite ${VITE_VERSION}, with one tfjs-core that each declares as a peer`, () => {
      if (missing !== undefined) throw new Error(missing);
      expect(c!.installed.map((p) => p.name)).toEqual(['@saddle/backend-wasm', '@saddle/core', '@saddle/losses', '@saddle/optimizers']);
      checkInstall(c!);
      expect(c!.run('npx', ['--no-install', 'vite', '--version'])).toContain(`vite/${VITE_VERSION}`);
    });

    it('vite build ships the app with the wasm binaries; in Chromium it trains to the closed form, no errors, one origin', async () => {
      if (missing !== undefined) throw new Error(missing);
      let started = performance.now();
      c!.run('npx', ['--no-install', 'vite', 'build', 'vite-page']);
      timings.build = (performance.now() - started) / 1000;
      const dist = join(c!.dir, 'vite-page', 'dist');
      expect(existsSync(join(dist, 'index.html'))).toBe(true);
      expect(readdirSync(join(dist, 'tfjs-wasm')).sort()).toEqual(['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm', 'tfjs-backend-wasm.wasm']);

      const server = await serveDirectory(dist);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('request', (r) => requests.push(r.url()));
        page.on('response', (r) => {
          if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
        });
        started = performance.now();
        await page.goto(server.url);
        const result = page.locator('#result[data-status]');
        await result.waitFor({ timeout: 60_000 });
        timings.page = (performance.now() - started) / 1000;
        const text = await result.textContent();
        expect(await result.getAttribute('data-status'), text ?? '').toBe('done');
        checkGame(JSON.parse(text!) as GameResult);
        expect(errors).toEqual([]);
        const origin = new URL(server.url).origin;
        expect(requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin)).toEqual([]);
        // The backend fetched a binary the build shipped (simd without cross-origin isolation).
        expect(requests.filter((u) => u.endsWith('.wasm')).map((u) => u.slice(u.lastIndexOf('/') + 1))).toEqual(['tfjs-backend-wasm-simd.wasm']);
      } finally {
        await browser.close();
        await server.close();
      }
    }, BROWSER_TIMEOUT);
  });
}
