import { SaddleError } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ENV, chromiumMissingReason, findChromium, launchChromium } from './chromium.js';

describe('launchChromium without Chromium', () => {
  const env = { [CHROMIUM_ENV]: '/nonexistent/chromium' };

  it('refuses with BACKEND_UNAVAILABLE, naming the variable and the apt-get fix', async () => {
    const error = await launchChromium(env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaddleError);
    expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE', field: CHROMIUM_ENV, value: '/nonexistent/chromium' });
    expect((error as SaddleError).fix).toMatch(/apt-get install -y --no-install-recommends chromium/);
  });

  it('gives tests the skip reason, and none where the binary exists', () => {
    expect(findChromium(env)).toBeUndefined();
    expect(chromiumMissingReason(env)).toMatch(/^no Chromium at \/nonexistent\/chromium: install it/);
    // Any existing file counts as found (process.execPath always exists); launching tells the rest.
    expect(findChromium({ [CHROMIUM_ENV]: process.execPath })).toBe(process.execPath);
    expect(chromiumMissingReason({ [CHROMIUM_ENV]: process.execPath })).toBeUndefined();
  });
});
