import { createRng } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { integrateSolvableGanOde } from './solvable-gan-ode.js';
import { solvableGanFigure1Setting, solvableGanInitialOrderParameters } from './solvable-gan-setting.js';
import { simulateSolvableGan, type SolvableGanSimulation } from './solvable-gan-simulator.js';
import { simulateSolvableGanReduced } from './solvable-gan-simulator-reduced.js';

const fig1 = solvableGanFigure1Setting(2);

describe.each([
  ['simulateSolvableGan', simulateSolvableGan],
  ['simulateSolvableGanReduced', simulateSolvableGanReduced],
])('%s', (_name, simulate) => {
  it('keeps ‖w‖ = 1 and ‖v_ℓ‖ = 1 after every step to 1e-12 (papers §3.9 item 2)', () => {
    const n = 200;
    const run = simulate(fig1, { n, T: 2, sampleEvery: 1 / n, rng: createRng(0) });
    expect(run.t.length).toBe(2 * n + 1);
    expect(run.maxNormDeviation).toBeLessThan(1e-12);
  });

  it('starts from the §3.8 construction and is a pure function of the key', () => {
    const a = simulate(fig1, { n: 50, T: 1, rng: createRng(4) });
    const b = simulate(fig1, { n: 50, T: 1, rng: createRng(4) });
    const c = simulate(fig1, { n: 50, T: 1, rng: createRng(5) });
    const start = solvableGanInitialOrderParameters(fig1);
    expect(a.P[0]).toEqual(start.P);
    expect(a.q[0]).toEqual(start.q);
    a.r[0]?.forEach((v, l) => expect(v).toBeCloseTo(start.r[l] as number, 15));
    // sampleEvery 0.25 is round(12.5) = 13 steps of 1/50; the last step is always recorded.
    expect(a.t).toEqual([0, 0.26, 0.52, 0.78, 1]);
    expect(a.steps).toBe(50);
    expect(b).toEqual(a);
    expect(c.P.at(-1)).not.toEqual(a.P.at(-1));
  });

  it('refuses n < 2d + 1', () => {
    expect(() => simulate(fig1, { n: 4, T: 1, rng: createRng(0) })).toThrowError(/n: must be an integer >= 5 \(got 4\); pass n >= 2d \+ 1 = 5/);
  });
});

describe('the reduced simulator has the law of the full one', () => {
  it('gives the same means of P11, P22, |q1|, |r1|, S12 and the same spread of P11 over 1000 seeds (n = 40, t = 5 and 10)', () => {
    // n = 40 keeps the full simulation cheap; the reduction is exact for every n ≥ 2d + 1, and
    // n − m = 35 leaves the χ² of the out-of-span noise far from both its limits.
    const seeds = 1000;
    const collect = (simulate: typeof simulateSolvableGan) =>
      Array.from({ length: seeds }, (_, s) => simulate(fig1, { n: 40, T: 10, sampleEvery: 5, rng: createRng(s) }));
    const full = collect(simulateSolvableGan);
    const reduced = collect(simulateSolvableGanReduced);
    const features: [string, (run: SolvableGanSimulation, j: number) => number][] = [
      ['P11', (run, j) => run.P[j]?.[0]?.[0] as number],
      ['P22', (run, j) => run.P[j]?.[1]?.[1] as number],
      ['|q1|', (run, j) => Math.abs(run.q[j]?.[0] as number)],
      ['|r1|', (run, j) => Math.abs(run.r[j]?.[0] as number)],
      ['S12', (run, j) => run.S[j]?.[0]?.[1] as number],
    ];
    const moments = (values: number[]) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return { mean, variance: values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) };
    };
    for (const j of [1, 2]) {
      for (const [name, read] of features) {
        const a = moments(full.map((run) => read(run, j)));
        const b = moments(reduced.map((run) => read(run, j)));
        const se = Math.sqrt((a.variance + b.variance) / seeds);
        expect(Math.abs(a.mean - b.mean), `${name} at t = ${5 * j}`).toBeLessThan(4 * se);
      }
      // Sample variances of 1000 draws: log-ratio standard error ≈ √(2/999 + 2/999) ≈ 0.063; 4 s.e.
      const p11 = (run: SolvableGanSimulation) => run.P[j]?.[0]?.[0] as number;
      const ratio = moments(full.map(p11)).variance / moments(reduced.map(p11)).variance;
      expect(Math.abs(Math.log(ratio))).toBeLessThan(0.25);
    }
  });
});

describe('simulation against the ODE (papers §3.9 item 3: §3.7 setting, η = 2, t ∈ [0, 40])', () => {
  // n = 4000 with the reduced simulator, which has the law of the full one (tested above); the
  // full simulator would need 160 000 steps of O(n) each, about half a minute here.
  const ode = integrateSolvableGanOde(fig1, { T: 40, sampleEvery: 0.25 });
  const runs = [0, 1, 2, 3].map((seed) => simulateSolvableGanReduced(fig1, { n: 4000, T: 40, rng: createRng(seed) }));
  const maxOverTime = (f: (j: number) => number) => Math.max(...ode.t.map((_, j) => f(j)));
  const p11 = (run: { P: number[][][] }, j: number) => run.P[j]?.[0]?.[0] as number;
  const q1 = (run: { q: number[][] }, j: number) => Math.abs(run.q[j]?.[0] as number);

  it('single seed (n = 4000): max_t |P11_sim − P11_ode| < 0.03 and max_t ||q1_sim| − |q1_ode|| < 0.06', () => {
    const run = runs[0] as SolvableGanSimulation;
    expect(run.t).toEqual(ode.t);
    expect(maxOverTime((j) => Math.abs(p11(run, j) - p11(ode, j)))).toBeLessThan(0.03);
    expect(maxOverTime((j) => Math.abs(q1(run, j) - q1(ode, j)))).toBeLessThan(0.06);
  });

  it('mean over 4 seeds (n = 4000): max_t |mean P11 − ODE| < 0.02', () => {
    const mean = (j: number) => runs.reduce((acc, run) => acc + p11(run, j), 0) / runs.length;
    expect(maxOverTime((j) => Math.abs(mean(j) - p11(ode, j)))).toBeLessThan(0.02);
  });
});
