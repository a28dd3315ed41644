import { createRng } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { integrateSolvableGanOde } from './solvable-gan-ode.js';
import { classifySolvableGanRun, solvableGanPhaseDiagram } from './solvable-gan-phase-diagram.js';
import { solvableGanFigure1Setting, type SolvableGanTrajectory } from './solvable-gan-setting.js';
import { simulateSolvableGanReduced } from './solvable-gan-simulator-reduced.js';

/** max_i |q_i| and the P entries over t ≥ from. */
function lateWindow(run: SolvableGanTrajectory, from: number) {
  const js = run.t.flatMap((t, j) => (t >= from ? [j] : []));
  const P = (i: number, l: number) => js.map((j) => run.P[j]?.[i]?.[l] as number);
  return { maxAbsQ: Math.max(...js.flatMap((j) => (run.q[j] as number[]).map(Math.abs))), P };
}

describe('the phase diagram (papers §3.9 item 4: ODE, d = 1, τ = 0.2, τ̃ = 0.04, λ = 5, q0 = P0 = 0.1, T = 3000)', () => {
  const diagram = solvableGanPhaseDiagram({
    setting: { lambda: [5], tau: 0.2, tauTilde: 0.04, q0: [0.1], P0: [[0.1]] },
    etas: [1, 1.48, 1.6, 1.68, 2, 3, 4, 4.9, 5.1, 6],
    T: 3000,
  });
  const row = (eta: number) => diagram.rows.find((r) => r.eta === eta)?.observed;

  it('η = 1 oscillates (late max|q| > 0.3); η = 2 settles (late max|q| < 1e-3, P∞ ∈ [0.93, 0.95]); η = 6 fails (P∞ < 0.11)', () => {
    expect(row(1)?.lateMaxAbsQ).toBeGreaterThan(0.3);
    expect(row(1)?.phase).toBe('oscillation');
    expect(row(2)?.lateMaxAbsQ).toBeLessThan(1e-3);
    expect(row(2)?.finalOverlap[0]).toBeGreaterThanOrEqual(0.93);
    expect(row(2)?.finalOverlap[0]).toBeLessThanOrEqual(0.95);
    expect(row(2)?.phase).toBe('success');
    expect(row(6)?.finalOverlap[0]).toBeLessThan(0.11);
    expect(row(6)?.phase).toBe('failure');
  });

  it('the analytic boundaries √(τ̃λ/2τ²) = 1.581 and √(λ/τ) = 5 bracket the ODE transitions within ±0.1 in η', () => {
    const [boundary] = diagram.boundaries;
    expect(boundary?.oscillationBelow).toBeCloseTo(1.5811, 4);
    expect(boundary?.failureAbove).toBeCloseTo(5, 12);
    // 1.48 < 1.581 < 1.68 and 4.9 < 5 < 5.1.
    expect([1.48, 1.68, 4.9, 5.1].map((eta) => row(eta)?.phase)).toEqual(['oscillation', 'success', 'success', 'failure']);
  });

  it('gives the trajectory-dependent final overlaps of papers §3.6 item 4: P∞ = 0.949 / 0.940 / 0.892 / 0.745 / 0.274 at η = 1.6 / 2 / 3 / 4 / 4.9', () => {
    const reference: [number, number][] = [[1.6, 0.949], [2, 0.94], [3, 0.892], [4, 0.745], [4.9, 0.274]];
    // Values given to 3 decimals: 5e-4 rounding plus 1e-3.
    for (const [eta, P] of reference) expect(Math.abs((row(eta)?.finalOverlap[0] as number) - P)).toBeLessThan(1.5e-3);
  });

  it('puts the linear prediction beside each observation; they agree away from the boundaries', () => {
    for (const r of diagram.rows) if (r.eta !== 1.6 && r.eta !== 4.9) expect(r.predicted).toBe(r.observed.phase);
  });
});

describe('the three regimes of Fig. 1 (papers §3.9 item 5, §3.7 setting)', () => {
  it('ODE to T = 1000: η = 2 recovers both features with q → 0; η = 1 keeps oscillating; η = 4 recovers only the first', () => {
    const [success, oscillation, collapse] = [2, 1, 4].map((eta) => integrateSolvableGanOde(solvableGanFigure1Setting(eta), { T: 1000, sampleEvery: 0.5 }));
    const end = (run: SolvableGanTrajectory, i: number) => run.P.at(-1)?.[i]?.[i] as number;
    expect(end(success as SolvableGanTrajectory, 0)).toBeGreaterThan(0.9);
    expect(end(success as SolvableGanTrajectory, 1)).toBeGreaterThan(0.9);
    expect(lateWindow(success as SolvableGanTrajectory, 800).maxAbsQ).toBeLessThan(1e-3);
    expect(lateWindow(oscillation as SolvableGanTrajectory, 600).maxAbsQ).toBeGreaterThan(0.3);
    expect(end(collapse as SolvableGanTrajectory, 0)).toBeGreaterThan(0.7);
    expect(end(collapse as SolvableGanTrajectory, 1)).toBeLessThan(0.11);
    expect([success, oscillation, collapse].map((run) => classifySolvableGanRun(run as SolvableGanTrajectory).phase)).toEqual(['success', 'oscillation', 'mode-collapse']);
  });

  it('simulation with n = 1000 to T = 400, late window t ≥ 300: η = 2 P11, P22 > 0.85; η = 1 max|q| > 0.3; η = 4 P11 > 0.7, P22 < 0.25', () => {
    // The reduced simulator (same law as the full one, see solvable-gan-simulator.test.ts): 4·10⁵ steps each.
    const run = (eta: number) => lateWindow(simulateSolvableGanReduced(solvableGanFigure1Setting(eta), { n: 1000, T: 400, sampleEvery: 1, rng: createRng(3) }), 300);
    const success = run(2);
    expect(Math.min(...success.P(0, 0), ...success.P(1, 1))).toBeGreaterThan(0.85);
    expect(run(1).maxAbsQ).toBeGreaterThan(0.3);
    const collapse = run(4);
    expect(Math.min(...collapse.P(0, 0))).toBeGreaterThan(0.7);
    expect(Math.max(...collapse.P(1, 1))).toBeLessThan(0.25);
  });
});

describe('classifySolvableGanRun', () => {
  it('refuses a trajectory with fewer than two samples', () => {
    expect(() => classifySolvableGanRun({ t: [0], P: [[[0.1]]], q: [[0.1]], r: [[0.01]], S: [[[1]]] })).toThrowError(/trajectory.t: a trajectory needs at least two samples \(got 1\)/);
  });
});
