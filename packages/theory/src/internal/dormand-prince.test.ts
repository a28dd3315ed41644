import { describe, expect, it } from 'vitest';
import { integrateDormandPrince } from './dormand-prince.js';

describe('integrateDormandPrince', () => {
  it('solves y′ = −y to the requested tolerance (closed form e^{−t})', () => {
    const times = [0, 1, 2, 5, 10];
    const { states } = integrateDormandPrince((_t, y, dy) => (dy[0] = -(y[0] as number)), Float64Array.of(1), times, { rtol: 1e-10, atol: 1e-14, maxSteps: 1e5 });
    states.forEach((y, j) => expect(Math.abs((y[0] as number) - Math.exp(-(times[j] as number)))).toBeLessThan(1e-9 * Math.exp(-(times[j] as number)) + 1e-13));
  });

  it('keeps the harmonic oscillator on (cos t, −sin t) over ten periods and adapts its step to the tolerance', () => {
    const rhs = (_t: number, y: Float64Array, dy: Float64Array) => {
      dy[0] = y[1] as number;
      dy[1] = -(y[0] as number);
    };
    const T = 20 * Math.PI;
    const tight = integrateDormandPrince(rhs, Float64Array.of(1, 0), [0, T], { rtol: 1e-10, atol: 1e-12, maxSteps: 1e6 });
    const loose = integrateDormandPrince(rhs, Float64Array.of(1, 0), [0, T], { rtol: 1e-5, atol: 1e-8, maxSteps: 1e6 });
    const end = tight.states[1] as Float64Array;
    // Global error grows about linearly over the periods: 10 periods at rtol 1e-10 stay below 1e-7.
    expect(Math.abs((end[0] as number) - 1)).toBeLessThan(1e-7);
    expect(Math.abs(end[1] as number)).toBeLessThan(1e-7);
    expect(Math.abs(((loose.states[1] as Float64Array)[0] as number) - 1)).toBeLessThan(1e-2);
    // A fifth-order method needs about (1e5)^{1/5} = 10× more steps for a 1e5× tighter tolerance.
    expect(tight.steps / loose.steps).toBeGreaterThan(5);
    expect(tight.steps / loose.steps).toBeLessThan(20);
  });

  it('lands on every requested time exactly, however finely sampled', () => {
    const times = Array.from({ length: 101 }, (_, j) => j * 0.01);
    const { states } = integrateDormandPrince((t, _y, dy) => (dy[0] = Math.cos(t)), Float64Array.of(0), times, { rtol: 1e-10, atol: 1e-12, maxSteps: 1e5 });
    states.forEach((y, j) => expect(Math.abs((y[0] as number) - Math.sin(times[j] as number))).toBeLessThan(1e-10));
  });

  it('refuses to run past maxSteps and reports a blow-up', () => {
    const explode = (_t: number, y: Float64Array, dy: Float64Array) => (dy[0] = (y[0] as number) ** 2);
    // y′ = y², y(0) = 1 blows up at t = 1.
    expect(() => integrateDormandPrince(explode, Float64Array.of(1), [0, 2], { rtol: 1e-8, atol: 1e-10, maxSteps: 1000 })).toThrowError(/maxSteps|non-finite/);
  });
});
