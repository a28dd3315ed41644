import { SaddleError, useBackend } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { webgl } from './webgl.js';

// The kernels themselves run in headless Chromium: tooling/browser/src/conformance.test.ts.
describe('webgl in Node', () => {
  it('refuses to load without WebGL, naming the backends that work here', async () => {
    const error = await useBackend(webgl()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaddleError);
    expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE', field: 'backend', value: 'webgl' });
    expect((error as SaddleError).fix).toMatch(/wasm or cpu/);
  });

  it('describes itself as tfjs backend "webgl" with float32 kernels until loaded', () => {
    const spec = webgl();
    expect([spec.name, spec.tfBackendName, spec.floatPrecision]).toEqual(['webgl', 'webgl', 32]);
  });
});
