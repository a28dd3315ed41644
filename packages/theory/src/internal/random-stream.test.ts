import { createRng } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { createRandomStream } from './random-stream.js';

describe('createRandomStream', () => {
  it('is a pure function of the key', () => {
    const a = createRandomStream(createRng(5));
    const b = createRandomStream(createRng(5));
    const c = createRandomStream(createRng(6));
    const draw = (s: ReturnType<typeof createRandomStream>) => [s.normal(), s.uniform(), s.chiSquare(3), s.normal()];
    expect(draw(a)).toEqual(draw(b));
    expect(draw(c)).not.toEqual(draw(createRandomStream(createRng(5))));
  });

  it('draws standard normals (mean 0, variance 1, kurtosis 3 within 5 standard errors)', () => {
    const s = createRandomStream(createRng(1));
    const N = 400_000;
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    for (let i = 0; i < N; i++) {
      const x = s.normal();
      m1 += x;
      m2 += x * x;
      m4 += x ** 4;
    }
    // Standard errors: √(1/N), √(2/N), √(96/N).
    expect(Math.abs(m1 / N)).toBeLessThan(5 * Math.sqrt(1 / N));
    expect(Math.abs(m2 / N - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(m4 / N - 3)).toBeLessThan(5 * Math.sqrt(96 / N));
  });

  it.each([0.5, 3, 995])('draws χ²_k with mean k and variance 2k (k = %s)', (k) => {
    const s = createRandomStream(createRng(2));
    const N = 100_000;
    let m1 = 0;
    let m2 = 0;
    for (let i = 0; i < N; i++) {
      const x = s.chiSquare(k);
      m1 += x;
      m2 += x * x;
    }
    const mean = m1 / N;
    const variance = m2 / N - mean * mean;
    // se(mean) = √(2k/N); se(variance) = √((μ4 − σ⁴)/N) with μ4 = 12k(k + 4) for χ²_k.
    expect(Math.abs(mean - k)).toBeLessThan(5 * Math.sqrt((2 * k) / N));
    expect(Math.abs(variance - 2 * k)).toBeLessThan(5 * Math.sqrt((12 * k * (k + 4) - 4 * k * k) / N));
  });

  it('draws uniforms in [0, 1)', () => {
    const s = createRandomStream(createRng(3));
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = s.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / 100_000));
  });
});
