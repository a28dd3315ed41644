import { SaddleError } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { activeBackends, BACKENDS_ENV } from './backends.js';

describe('activeBackends', () => {
  it('maps node and node-gpu to the native backend specs (loaded only when a suite uses them)', () => {
    const specs = activeBackends({ [BACKENDS_ENV]: 'cpu, node,node-gpu' });
    expect(specs.map((s) => [s.name, s.tfBackendName])).toEqual([['cpu', 'cpu'], ['node', 'tensorflow'], ['node-gpu', 'tensorflow']]);
  });

  it('refuses an unknown name and lists the known ones', () => {
    expect(() => activeBackends({ [BACKENDS_ENV]: 'cpu,tpu' })).toThrow(SaddleError);
    expect(() => activeBackends({ [BACKENDS_ENV]: 'tpu' })).toThrow(/cpu, wasm, node, node-gpu/);
  });
});
