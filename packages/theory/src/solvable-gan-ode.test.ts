import { describe, expect, it } from 'vitest';
import { integrateSolvableGanOde, solvableGanDerivatives } from './solvable-gan-ode.js';
import { solvableGanFigure1Setting, type OrderParameters } from './solvable-gan-setting.js';

describe('integrateSolvableGanOde', () => {
  const fig1 = integrateSolvableGanOde(solvableGanFigure1Setting(2), { T: 150, sampleEvery: 5 });
  const at = (t: number) => {
    const j = fig1.t.indexOf(t);
    return { P: fig1.P[j] as number[][], q: fig1.q[j] as number[] };
  };

  it('matches the early-phase reference values of papers §3.7 (η = 2) to 1e-3', () => {
    // Papers §3.7 table: t = 10, 20, 30, 40.
    const reference = [
      { t: 10, P11: 0.1726, q1: 0.8313 },
      { t: 20, P11: 0.352, q1: 0.8142 },
      { t: 30, P11: 0.6485, q1: 0.7463 },
      { t: 40, P11: 0.9081, q1: 0.5375 },
    ];
    for (const { t, P11, q1 } of reference) {
      const { P, q } = at(t);
      expect(Math.abs((P[0]?.[0] as number) - P11)).toBeLessThan(1e-3);
      expect(Math.abs(Math.abs(q[0] as number) - q1)).toBeLessThan(1e-3);
    }
  });

  it('follows the feature switch of papers §3.7 (P11, P22, |q1|, |q2| at t = 25, 50, 100, 150, given to 3 decimals)', () => {
    const reference = [
      { t: 25, values: [0.488, 0.101, 0.791, 0.006] },
      { t: 50, values: [0.938, 0.102, 0.013, 0.385] },
      { t: 100, values: [0.939, 0.588, 0.004, 0.7] },
      { t: 150, values: [0.939, 0.921, 0.0, 0.001] },
    ];
    for (const { t, values } of reference) {
      const { P, q } = at(t);
      const ours = [P[0]?.[0], P[1]?.[1], Math.abs(q[0] as number), Math.abs(q[1] as number)] as number[];
      // 3-decimal rounding (5e-4) plus the 1e-3 budget.
      ours.forEach((v, i) => expect(Math.abs(v - (values[i] as number))).toBeLessThan(1.5e-3));
    }
  });

  it('converges to P11 = 0.939, P22 = 0.921, P12 = 0.021, P21 = −0.016, q = r = 0 (papers §3.7)', () => {
    const run = integrateSolvableGanOde(solvableGanFigure1Setting(2), { T: 400, sampleEvery: 100 });
    const P = run.P.at(-1) as number[][];
    expect(P[0]?.[0]).toBeCloseTo(0.939, 3);
    expect(P[1]?.[1]).toBeCloseTo(0.921, 3);
    expect(P[0]?.[1]).toBeCloseTo(0.021, 3);
    expect(P[1]?.[0]).toBeCloseTo(-0.016, 3);
    for (const v of [...(run.q.at(-1) as number[]), ...(run.r.at(-1) as number[])]) expect(Math.abs(v)).toBeLessThan(1e-6);
  });

  it('keeps diag S = 1 to 1e-8 (papers §3.9 item 2)', () => {
    const run = integrateSolvableGanOde(solvableGanFigure1Setting(1), { T: 300, sampleEvery: 1 });
    let worst = 0;
    for (const S of run.S) S.forEach((row, l) => (worst = Math.max(worst, Math.abs((row[l] as number) - 1))));
    expect(worst).toBeLessThan(1e-8);
  });

  it('samples at 0, s, 2s, … and T, and refuses a bad horizon', () => {
    const run = integrateSolvableGanOde(solvableGanFigure1Setting(2), { T: 1, sampleEvery: 0.3 });
    expect(run.t).toEqual([0, 0.3, 0.6, expect.closeTo(0.9, 12), 1]);
    expect(() => integrateSolvableGanOde(solvableGanFigure1Setting(2), { T: 0 })).toThrowError(/T: must be a finite number > 0 \(got 0\); pass the horizon/);
  });
});

describe('solvableGanDerivatives', () => {
  const setting = { lambda: [5, 3], lambdaTilde: [4, 2], tau: 0.3, tauTilde: 0.05, etaT: 1.5, etaG: 2.5, q0: [0.1, 0.1], P0: [[0.1, 0], [0, 0.1]] };
  const state: OrderParameters = { P: [[0.6, 0.2], [-0.1, 0.5]], q: [0.4, -0.3], r: [0.2, 0.35], S: [[1, 0.1], [0.1, 1]] };

  it('is odd in w: flipping (q, r) flips dq, dr and keeps dP, dS (papers §3.4 symmetry)', () => {
    const a = solvableGanDerivatives(setting, state);
    const b = solvableGanDerivatives(setting, { ...state, q: state.q.map((v) => -v), r: state.r.map((v) => -v) });
    a.q.forEach((v, i) => expect(b.q[i]).toBeCloseTo(-v, 14));
    a.r.forEach((v, i) => expect(b.r[i]).toBeCloseTo(-v, 14));
    expect(b.P).toEqual(a.P);
    expect(b.S).toEqual(a.S);
  });

  it('is still where q = r = 0, whatever P (the neutral line of fixed points of §3.6)', () => {
    const still = solvableGanDerivatives(setting, { ...state, q: [0, 0], r: [0, 0] });
    for (const v of [...still.q, ...still.r, ...still.P.flat(), ...still.S.flat()]) expect(v).toBe(0);
  });

  it('reduces to the scalar equations for d = 1 (component form of §3.5)', () => {
    const [l, lt, tau, tt, eT, eG] = [5, 5, 0.2, 0.04, 2, 2];
    const [P, q, r] = [0.3, 0.5, 0.2];
    const d = solvableGanDerivatives({ lambda: [l], tau, tauTilde: tt, etaT: eT, etaG: eG, q0: [0.1], P0: [[0.1]] }, { P: [[P]], q: [q], r: [r], S: [[1]] });
    const kappa = ((tau * tau) / 2) * (eT * (l * q * q + eT) + eG * (lt * r * r + eG));
    const delta = l * q * q - lt * r * r;
    expect(d.q[0]).toBeCloseTo(tau * (l * q - P * lt * r - delta * q) - kappa * q, 14);
    expect(d.r[0]).toBeCloseTo(tau * (P * l * q - lt * r - delta * r) - kappa * r + tt * lt * r * (1 - r * r), 14);
    expect(d.P[0]?.[0]).toBeCloseTo(tt * lt * r * (q - P * r), 14);
    expect(d.S[0]?.[0]).toBe(0);
  });
});
