import { describe, expect, it } from 'vitest';
import { floatToHalf, halfToFloat } from './float16.js';

describe('float16', () => {
  it('decodes the binary16 landmarks', () => {
    const cases: [number, number][] = [[0x0000, 0], [0x3c00, 1], [0xc000, -2], [0x7bff, 65504], [0x0400, 2 ** -14], [0x0001, 2 ** -24], [0x7c00, Infinity], [0xfc00, -Infinity]];
    for (const [bits, value] of cases) expect(halfToFloat(bits)).toBe(value);
    expect(halfToFloat(0x7e00)).toBeNaN();
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
  });

  it('round-trips all 63,488 finite halves exactly', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue;
      expect(floatToHalf(halfToFloat(bits))).toBe(bits);
    }
  });

  it('rounds to nearest, ties to even, overflowing to infinity', () => {
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie between 1 and 1 + 2^-10: even (1)
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie: even (1 + 2^-9)
    expect(floatToHalf(2 ** -25)).toBe(0x0000); // tie between 0 and the smallest subnormal: even (0)
    expect(floatToHalf(65520)).toBe(0x7c00); // halfway to 2^16 rounds up to infinity
    expect(floatToHalf(NaN) & 0x7e00).toBe(0x7e00);
  });
});
