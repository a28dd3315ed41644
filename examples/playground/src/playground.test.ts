// The playground end to end, and issue 13's "Vite production build in headless Chromium": build
// the app with Vite into a temp folder, serve it, open it in headless Chromium, train a ring GAN
// on wasm in the page to 8/8 modes (read from the DOM), check the link round-trips, reset
// replays the seed, the app reloads offline, the console stays clean, and save a screenshot.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { wasmFiles } from '@saddle/backend-wasm/node';
import { chromiumMissingReason, launchChromium, serveDirectory } from '@saddle/browser-harness';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatHash, type PlaygroundState } from './state.js';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifactsDir = process.env.SADDLE_ARTIFACTS_DIR ?? tmpdir();

/** Small, fast settings for CI: an 8-mode ring with σ = 0.1 (so 3σ = 0.3), 32-unit networks, lr 3e-3. */
const FAST_RING: PlaygroundState = {
  ...DEFAULT_STATE,
  std: 0.1,
  generatorWidths: [32, 32],
  discriminatorWidths: [32, 32],
  latentSize: 4,
  learningRateG: 0.003,
  learningRateD: 0.003,
  batchSize: 128,
  stepsPerFrame: 50,
  backend: 'wasm',
  eta: 3,
  landscapeY1: 0.5,
};
/** Steps allowed to reach 8/8 (the same settings cover 8/8 by step 600 on wasm in Node). */
const STEP_BUDGET = 3000;

/** Sizes of a built file: raw and gzip (level 9) bytes. */
async function sizes(path: string): Promise<{ raw: number; gzip: number }> {
  const bytes = await readFile(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Every file under `dir`, as paths relative to it with `/`. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/')).sort();
}

describe('playground', () => {
  let outDir = '';
  let buildSeconds = 0;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'saddle-playground-'));
    // Vite decides development vs production from NODE_ENV, which vitest sets to "test".
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const started = performance.now();
    try {
      // The module runner loads the config: this process resolves workspace packages to their
      // TypeScript sources (the @saddle/source condition), which Node cannot import natively.
      await build({ root: appDir, configFile: join(appDir, 'vite.config.ts'), configLoader: 'runner', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    buildSeconds = (performance.now() - started) / 1000;
  });
  afterAll(async () => {
    if (outDir !== '') await rm(outDir, { recursive: true, force: true });
  });

  it('builds for production into a self-contained folder: relative URLs, the wasm binaries, a service worker listing every file', async () => {
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js"><\/script>/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const [name, installed] of Object.entries(wasmFiles())) {
      expect((await readFile(join(outDir, 'tfjs-wasm', name))).equals(await readFile(installed)), name).toBe(true);
    }
    // The service worker caches every file of the build but itself, index.html as "./".
    const worker = await readFile(join(outDir, 'sw.js'), 'utf8');
    const cached = JSON.parse(/const FILES = (\[.*\]);/.exec(worker)?.[1] ?? '[]') as string[];
    const built = (await filesUnder(outDir)).filter((f) => f !== 'sw.js').map((f) => (f === 'index.html' ? './' : f));
    expect(cached.sort()).toEqual(built.sort());
  });

  it('trains a ring GAN on wasm in headless Chromium to full mode coverage, round-trips its link, works offline, logs no errors', async (context) => {
    const missing = chromiumMissingReason();
    if (missing !== undefined) {
      if (process.env.CI === '1') throw new Error(`CI needs Chromium for the playground test: ${missing}`);
      context.skip(missing);
    }
    const server = await serveDirectory(outDir);
    const browser = await launchChromium();
    try {
      const html = await readFile(join(outDir, 'index.html'), 'utf8');
      const entry = /src="\.\/(assets\/index-[\w-]+\.js)"/.exec(html)![1]!;
      const assets = await readdir(join(outDir, 'assets'));
      const javascript = await Promise.all(assets.filter((f) => f.endsWith('.js')).map((f) => sizes(join(outDir, 'assets', f))));

      const page = await browser.newPage();
      await page.setViewportSize({ width: 1400, height: 1500 });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
      const external: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(server.url) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) external.push(request.url());
      });

      const hash = formatHash(FAST_RING);
      await page.goto(`${server.url}${hash}`);
      await page.waitForSelector('#status-ready[data-ms]', { timeout: 30_000 });

      // The link round-trips: link → controls → link, and the controls show the link's values.
      expect(await page.evaluate(() => location.hash)).toBe(hash);
      const shown = await page.evaluate(() => {
        const value = (name: string) => (document.querySelector(`[name="${name}"]`) as HTMLInputElement).value;
        return { backend: value('backend'), std: value('std'), g: value('generatorWidths'), lr: value('learningRateD'), eta: value('eta'), y1: value('landscapeY1') };
      });
      expect(shown).toEqual({ backend: 'wasm', std: '0.1', g: '32,32', lr: '0.003', eta: '3', y1: '0.5' });
      expect(await page.textContent('#status-backend')).toBe('wasm');

      // Train until 8/8 modes are covered (read from the DOM), within the step budget.
      const trainStart = performance.now();
      await page.click('#play');
      // The frame that first shows 8/8 (or the reason to stop), read at once: later frames may differ.
      const seen = await page.waitForFunction(
        (budget) => {
          const modes = document.querySelector<HTMLElement>('#status-modes')!.dataset;
          const step = Number(document.querySelector<HTMLElement>('#status-step')!.dataset.step ?? 0);
          const issues = document.querySelector('#issues')!.textContent ?? '';
          const covered = modes.covered !== undefined && modes.covered === modes.modes;
          return covered || step >= budget || issues !== '' ? { covered: modes.covered, modes: modes.modes, step, issues } : false;
        },
        STEP_BUDGET,
        { timeout: 45_000, polling: 100 },
      );
      const { covered, modes, step, issues } = (await seen.jsonValue()) as { covered: string; modes: string; step: number; issues: string };
      const trainSeconds = (performance.now() - trainStart) / 1000;
      await page.click('#play');
      expect(issues, 'the page reports no problem').toBe('');
      expect({ covered, modes }).toEqual({ covered: '8', modes: '8' });
      const readyMs = Number(await page.$eval('#status-ready', (e) => (e as HTMLElement).dataset.ms));
      const firstStepMs = Number(await page.$eval('#status-first-step', (e) => (e as HTMLElement).dataset.ms));
      const screenshot = join(artifactsDir, 'playground.png');
      await mkdir(artifactsDir, { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });

      // Reset replays the same seed: step 1 after two resets has the same losses.
      const firstLosses = async () => {
        await page.click('#reset');
        await page.waitForSelector('#status-ready[data-ms]');
        await page.click('#step');
        await page.waitForSelector('#status-step[data-step="1"]');
        return page.$eval('#status-losses', (e) => ({ ...(e as HTMLElement).dataset }));
      };
      const once = await firstLosses();
      const again = await firstLosses();
      expect(Number.isFinite(Number(once.lossD))).toBe(true);
      expect(again).toEqual(once);

      // Offline once loaded: with the network cut, a reload comes from the service worker's cache.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await browser.setOffline(true);
      await page.reload();
      await page.waitForSelector('#status-ready[data-ms]', { timeout: 20_000 });
      expect(await page.textContent('#status-backend')).toBe('wasm');
      await browser.setOffline(false);

      // Controls write the link: a new loss, then two drawn modes; a reload of that link shows them.
      await page.selectOption('select[name="loss"]', 'hinge');
      await page.selectOption('select[name="data"]', 'drawn');
      const box = (await page.locator('#view-data').boundingBox())!;
      await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.5);
      await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.25);
      const edited = await page.evaluate(() => location.hash);
      expect(edited).toMatch(/&loss=hinge&/);
      // The view spans [−4.2, 4.2]²: the clicks are at (2.1, 0) and (0, 2.1), give or take a pixel (0.02).
      const drawn = decodeURIComponent(/&points=([^&]*)&/.exec(edited)![1]!).split(',').map(Number);
      expect(drawn, edited).toHaveLength(4);
      [2.1, 0, 0, 2.1].forEach((v, i) => expect(drawn[i]).toBeCloseTo(v, 1));
      await page.reload();
      await page.waitForSelector('#status-modes[data-modes="2"]', { timeout: 20_000 });
      expect(await page.evaluate(() => location.hash)).toBe(edited);

      // WGAN-GP from the controls: the Wasserstein loss plus the gradient penalty (λ = 10, a double
      // backpropagation in the worker) writes the link and takes a finite step.
      await page.selectOption('select[name="loss"]', 'wasserstein');
      await page.selectOption('select[name="penalty"]', 'wgan-gp');
      expect(await page.evaluate(() => location.hash)).toMatch(/&loss=wasserstein&penalty=wgan-gp&lambda=10&/);
      await page.waitForSelector('#status-ready[data-ms]', { timeout: 20_000 });
      await page.click('#step');
      await page.waitForSelector('#status-step[data-step="1"]', { timeout: 20_000 });
      const wganGp = await page.$eval('#status-losses', (e) => ({ ...(e as HTMLElement).dataset }));
      expect([wganGp.lossD, wganGp.lossG].every((v) => v !== undefined && Number.isFinite(Number(v))), JSON.stringify(wganGp)).toBe(true);

      expect(problems).toEqual([]);
      expect(external).toEqual([]);
      const main = await sizes(join(outDir, entry));
      const metrics = {
        buildSeconds, readyMs, firstStepMs, timeToFirstStepMs: readyMs + firstStepMs, stepsToFullCoverage: step, trainSeconds,
        mainBundle: main,
        allJavaScript: javascript.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 }),
        screenshot,
      };
      await writeFile(join(artifactsDir, 'playground-metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
      console.log('playground metrics', JSON.stringify(metrics));
    } finally {
      await browser.close();
      await server.close();
    }
  }, 120_000);
});
