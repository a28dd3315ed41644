import { describe, expect, it } from 'vitest';
import { extragradientFactor, gdaFactor, measuredFactor, ogdaDoubleRoot, ogdaFactor } from './bilinear-game-rates.js';

/**
 * Host float64 checks of the closed forms themselves (papers §5.2), independent of tfjs: each
 * method's recurrence on F(x, y) = (y, −x) is iterated in double precision and its measured
 * factor (‖z_200‖/‖z_100‖)^{1/100} compared with the formula to 1e-6.
 */
type Z = readonly [number, number];
const F = ([x, y]: Z): Z => [y, -x];
const step = (z: Z, g: Z, eta: number): Z => [z[0] - eta * g[0], z[1] - eta * g[1]];

function iterate(method: 'gda' | 'eg' | 'ogda', eta: number, steps: number, gPrev0: 'zero' | 'F(z0)' = 'zero'): Z[] {
  let z: Z = [1, 1];
  let gPrev: Z = gPrev0 === 'zero' ? [0, 0] : F(z);
  const out: Z[] = [z];
  for (let t = 0; t < steps; t++) {
    if (method === 'gda') z = step(z, F(z), eta);
    else if (method === 'eg') z = step(z, F(step(z, F(z), eta)), eta);
    else {
      const g = F(z);
      z = [z[0] - 2 * eta * g[0] + eta * gPrev[0], z[1] - 2 * eta * g[1] + eta * gPrev[1]];
      gPrev = g;
    }
    out.push(z);
  }
  return out;
}

const measured = (zs: Z[], jordan = false): number => measuredFactor(Math.hypot(...(zs[100] as Z)), Math.hypot(...(zs[200] as Z)), 100, 200, jordan);

describe('closed-form contraction factors on x·y (float64)', () => {
  it.each([0.1, 0.2, 0.5])('GDA, EG and OGDA at η = %s match their closed forms to 1e-6', (eta) => {
    expect(Math.abs(measured(iterate('gda', eta, 200)) - gdaFactor(eta))).toBeLessThan(1e-6);
    expect(Math.abs(measured(iterate('eg', eta, 200)) - extragradientFactor(eta))).toBeLessThan(1e-6);
    expect(Math.abs(measured(iterate('ogda', eta, 200), ogdaDoubleRoot(eta)) - ogdaFactor(eta))).toBeLessThan(1e-6);
  });

  it('at OGDA\'s double root (η = 1/2) the plain ratio tends to the same factor, as (1 + 1/t): checked at t = 4·10⁶', () => {
    // Renormalizing z and g_{t−1} together keeps the linear recurrence exact and away from underflow.
    const eta = 0.5;
    let z: Z = [1, 1];
    let gPrev: Z = [0, 0];
    let before = 0;
    const T = 4_000_000;
    for (let t = 1; t <= T + 100; t++) {
      const g = F(z);
      z = [z[0] - 2 * eta * g[0] + eta * gPrev[0], z[1] - 2 * eta * g[1] + eta * gPrev[1]];
      gPrev = g;
      if (t === T) before = Math.hypot(...z);
      if (t % 100 === 0 && t < T) {
        const s = 1 / Math.hypot(...z);
        z = [z[0] * s, z[1] * s];
        gPrev = [gPrev[0] * s, gPrev[1] * s];
      }
    }
    expect(Math.abs(measuredFactor(before, Math.hypot(...z), T, T + 100) - ogdaFactor(eta))).toBeLessThan(1e-6);
  });

  it('the formulas give the table of papers §5.2 (6 digits)', () => {
    const table = [0.1, 0.2, 0.5].map((eta) => [gdaFactor(eta), extragradientFactor(eta), ogdaFactor(eta)].map((f) => Number(f.toFixed(6))));
    expect(table).toEqual([
      [1.004988, 0.995038, 0.994936],
      [1.019804, 0.980612, 0.978906],
      [1.118034, 0.901388, 0.707107],
    ]);
  });

  it('‖z_1000‖ from (1, 1) matches papers §5.2 (OGDA with g_{−1} = F(z_0))', () => {
    const at1000 = (method: 'gda' | 'eg' | 'ogda', eta: number) => Math.hypot(...(iterate(method, eta, 1000, 'F(z0)')[1000] as Z));
    const close = (actual: number, expected: number) => expect(Math.abs(actual - expected) / expected).toBeLessThan(5e-3);
    close(at1000('gda', 0.1), 204.7);
    close(at1000('gda', 0.2), 4.65e8);
    close(at1000('eg', 0.1), 9.77e-3);
    close(at1000('eg', 0.2), 4.44e-9);
    close(at1000('ogda', 0.1), 8.92e-3);
    close(at1000('ogda', 0.2), 8.15e-10);
  });
});
