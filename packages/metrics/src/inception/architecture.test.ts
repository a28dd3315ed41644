import { describe, expect, it } from 'vitest';
import fixture from '../__fixtures__/inception/inception.json' with { type: 'json' };
import { CHANNEL_DIVISORS, INCEPTION_CLASSES, inceptionConvs } from './architecture.js';

/** The state_dict layout the convolution list implies (batch norm's num_batches_tracked is optional on load). */
function layout(divisor: number): Record<string, number[]> {
  const d = 2048 / divisor;
  const keys: Record<string, number[]> = {};
  for (const c of inceptionConvs(divisor)) {
    keys[`${c.torch}.conv.weight`] = [c.out, c.in, ...c.kernel];
    for (const k of ['weight', 'bias', 'running_mean', 'running_var']) keys[`${c.torch}.bn.${k}`] = [c.out];
  }
  return { ...keys, 'fc.weight': [INCEPTION_CLASSES, d], 'fc.bias': [INCEPTION_CLASSES] };
}

describe('inceptionConvs', () => {
  it('has the full-width state_dict layout of the PyTorch reference, key for key and shape for shape', () => {
    // tooling/reference/fid_inception.py: FIDInceptionV3 at divisor 1, state_dict shapes and parameter count.
    const expected = Object.fromEntries(Object.entries(fixture.fullWidth.stateDict).filter(([k]) => !k.endsWith('.num_batches_tracked')));
    expect(layout(1)).toEqual(expected);
    const parameters = inceptionConvs(1).reduce((s, c) => s + c.out * c.in * c.kernel[0] * c.kernel[1] + 2 * c.out, 0) + INCEPTION_CLASSES * 2049;
    expect(parameters).toBe(fixture.fullWidth.parameters); // 23,850,960
  });

  it('divides every channel count for each allowed divisor, and refuses others', () => {
    for (const divisor of CHANNEL_DIVISORS) {
      const convs = inceptionConvs(divisor);
      expect(convs.every((c) => Number.isInteger(c.in) && Number.isInteger(c.out) && c.out >= 1)).toBe(true);
      expect(convs.find((c) => c.torch === 'Mixed_7c.branch_pool')?.in).toBe(2048 / divisor);
    }
    expect(() => inceptionConvs(3)).toThrowError(/channelDivisor: channel divisor 3 does not divide every channel count .*use one of 1, 2, 4, 8, 16/);
  });
});
