import { describe, expect, it } from 'vitest';
import { BACKEND_SPEC_VERSION, useBackend, type BackendSpec } from './backend.js';

const broken: BackendSpec = {
  specVersion: BACKEND_SPEC_VERSION,
  name: 'broken',
  tfBackendName: 'broken',
  floatPrecision: 32,
  load: () => Promise.reject(new Error('no such runtime')),
};

describe('useBackend', () => {
  it('wraps a failing load in a SaddleError that names the backend', async () => {
    await expect(useBackend(broken)).rejects.toThrowError(/backend: backend "broken" failed to load: Error: no such runtime/);
  });

  it('refuses a spec of another version', async () => {
    const future = { ...broken, specVersion: 2 } as unknown as BackendSpec;
    await expect(useBackend(future)).rejects.toThrowError(/backend.specVersion/);
  });
});
