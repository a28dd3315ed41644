import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaddleError } from '@saddle/core';
import { chromium, type BrowserContext } from 'playwright-core';

/** The environment variable that overrides where Chromium is (default: Debian's `/usr/bin/chromium`). */
export const CHROMIUM_ENV = 'SADDLE_CHROMIUM';

/** Debian's `chromium` package installs its launcher here. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * The flags of every Saddle browser run: headless, no sandbox (CI runs as root), software
 * rendering (no GPU), and nothing that reaches the network or changes between runs.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const INSTALL_FIX = `install it (apt-get install -y --no-install-recommends chromium) or set ${CHROMIUM_ENV} to a Chromium binary`;

/**
 * Where Chromium is (`$SADDLE_CHROMIUM`, else `/usr/bin/chromium`), or `undefined` when that file
 * does not exist — tests use it to skip with a reason.
 *
 * @example
 * ```ts
 * const path = findChromium(); // '/usr/bin/chromium' on Debian with the chromium package
 * ```
 */
export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const path = env[CHROMIUM_ENV] ?? DEFAULT_CHROMIUM;
  return existsSync(path) ? path : undefined;
}

/** Why browser tests cannot run here (Chromium missing, with the fix), or `undefined` when they can. */
export function chromiumMissingReason(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  if (findChromium(env) !== undefined) return undefined;
  return `no Chromium at ${env[CHROMIUM_ENV] ?? DEFAULT_CHROMIUM}: ${INSTALL_FIX}`;
}

/**
 * Starts headless Chromium with Saddle's flags (`CHROMIUM_ARGS`) in a fresh user-data directory,
 * which is deleted when the returned context closes. Throws `BACKEND_UNAVAILABLE` naming the fix
 * when Chromium is not installed.
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 * await page.goto(url);
 * await browser.close();
 * ```
 */
export async function launchChromium(env: Readonly<Record<string, string | undefined>> = process.env): Promise<BrowserContext> {
  const executablePath = findChromium(env);
  if (executablePath === undefined) {
    throw new SaddleError(`Chromium not found at ${env[CHROMIUM_ENV] ?? DEFAULT_CHROMIUM}`, {
      code: 'BACKEND_UNAVAILABLE', field: CHROMIUM_ENV, value: env[CHROMIUM_ENV] ?? DEFAULT_CHROMIUM, fix: INSTALL_FIX,
    });
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'saddle-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      args: [...CHROMIUM_ARGS],
      headless: true,
    });
    // Chromium writes its profile until its process exits, which `close` waits for.
    const close = context.close.bind(context);
    context.close = async (options) => {
      await close(options);
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    };
    return context;
  } catch (cause) {
    await rm(userDataDir, { recursive: true, force: true });
    throw cause;
  }
}
