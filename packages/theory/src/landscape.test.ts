import { describe, expect, it } from 'vitest';
import { collapsedConfigurations } from './landscape-collapsed.js';
import { logSigmoid } from './landscape-h.js';
import { jsLandscapeClosedForm } from './landscape-js-closed-form.js';
import { checkStrictLocalMinimum } from './landscape-local-minimum.js';
import { relativisticLandscape } from './landscape-relativistic.js';
import { separableLandscape, type LandscapePoint } from './landscape-separable.js';
import { twoPointLandscapeStates } from './landscape-two-point.js';

const js = (x: readonly LandscapePoint[], y: readonly LandscapePoint[]) => separableLandscape({ x, y, h1: logSigmoid, h2: logSigmoid });
const rs = (x: readonly LandscapePoint[], y: readonly LandscapePoint[]) => relativisticLandscape({ x, y, h: logSigmoid });

describe('logSigmoid', () => {
  it('is −log(1 + e^{−t}) without overflow', () => {
    expect(logSigmoid(0)).toBeCloseTo(-Math.LN2, 15);
    expect(logSigmoid(800)).toBe(-0);
    expect(logSigmoid(-800)).toBe(-800);
    expect(logSigmoid(2)).toBeCloseTo(-Math.log(1 + Math.exp(-2)), 15);
  });
});

describe('two-point landscape values (papers §0, §2.2)', () => {
  // §2.2 prints them to 6 decimals: −0.693147, −0.346574, −0.477386; §0 to 4.
  const printed = { js: { s2: -0.693147, s1b: -0.346574, s1a: -0.477386, s0: 0 }, rs: { s2: -0.693147, s1b: -0.346574, s1a: -0.346574, s0: 0 } };

  it.each(twoPointLandscapeStates().map((s) => [s.name, s] as const))('%s: g_SP (JS) and g_R (RS) from the general code match the closed forms to 1e-5', (_name, state) => {
    expect(Math.abs(js(state.x, state.y) - state.js)).toBeLessThan(1e-5);
    expect(Math.abs(rs(state.x, state.y) - state.rs)).toBeLessThan(1e-5);
    expect(Math.abs(state.js - printed.js[state.name])).toBeLessThan(1e-6);
    expect(Math.abs(state.rs - printed.rs[state.name])).toBeLessThan(1e-6);
  });

  it('§0 to 4 decimals: JS −0.6931, −0.3466, −0.4774, 0; RS −0.6931, −0.3466, 0', () => {
    const [s2, s1b, s1a, s0] = twoPointLandscapeStates().map((s) => ({ js: js(s.x, s.y), rs: rs(s.x, s.y) }));
    expect([s2?.js, s1b?.js, s1a?.js, s0?.js].map((v) => Number((v as number).toFixed(4)) + 0)).toEqual([-0.6931, -0.3466, -0.4774, 0]);
    expect([s2?.rs, s1b?.rs, s1a?.rs, s0?.rs].map((v) => Number((v as number).toFixed(4)) + 0)).toEqual([-0.6931, -0.3466, -0.3466, 0]);
  });

  it('works for points in any dimension (2-D copies of the states give the same values)', () => {
    for (const s of twoPointLandscapeStates()) {
      const lift = (p: number) => [p, 2 * p];
      expect(js(s.x.map(lift), s.y.map(lift))).toBeCloseTo(s.js, 9);
      expect(rs(s.x.map(lift), s.y.map(lift))).toBeCloseTo(s.rs, 9);
    }
  });

  it('g_R depends on the pairing: in s1b with y1 paired off-data both pairs are free and g_R = 0', () => {
    expect(rs([0, 1], [2, 0])).toBeCloseTo(0, 12);
    // The swap y = (x2, x1) is still a perfect match: the two pairs form a cycle, h(t) + h(−t) ≤ 2h(0).
    expect(rs([0, 1], [1, 0])).toBeCloseTo(-Math.LN2, 9);
  });
});

describe('collapsed configurations (Sun, Fang and Schwing, Theorems 1 and 2; papers §2.2)', () => {
  it.each([1, 2, 3, 4, 5])('lists n^n − n! of them for n = %s', (n) => {
    const factorial = [1, 1, 2, 6, 24, 120][n] as number;
    const all = collapsedConfigurations(n);
    expect(all.length).toBe(n ** n - factorial);
    expect(new Set(all.map((c) => c.join())).size).toBe(all.length);
    for (const c of all) expect(new Set(c).size).toBeLessThan(n);
  });

  it.each([2, 3, 4])('n = %s: g_JS equals the multiplicity closed form, each collapse is a sub-optimal strict local minimum for JS, none is for RS', (n) => {
    const x = Array.from({ length: n }, (_, i) => i);
    for (const c of collapsedConfigurations(n)) {
      const multiplicities = x.map((i) => c.filter((j) => j === i).length);
      const jsReport = checkStrictLocalMinimum({ x, assignment: c, objective: js });
      expect(Math.abs(jsReport.value - jsLandscapeClosedForm(multiplicities))).toBeLessThan(1e-9);
      expect(jsReport.value).toBeGreaterThan(-Math.LN2 + 1e-3);
      expect(jsReport.strict, `JS at [${c.join(', ')}]`).toBe(true);
      const rsReport = checkStrictLocalMinimum({ x, assignment: c, objective: rs });
      expect(rsReport.value).toBeGreaterThan(-Math.LN2 + 1e-3);
      expect(rsReport.strict, `RS at [${c.join(', ')}]`).toBe(false);
      expect(rsReport.margin).toBeLessThanOrEqual(1e-9);
    }
  });

  it('RS-GAN total collapse has g_R = −(log 2)/n (papers §2.2)', () => {
    for (const n of [2, 3, 4]) {
      const x = Array.from({ length: n }, (_, i) => i);
      expect(rs(x, x.map(() => 0))).toBeCloseTo(-Math.LN2 / n, 9);
    }
  });

  it('the perfect match is the global minimum −log 2 = h(0) for both, and a strict local minimum for JS', () => {
    const x = [0, 1, 2];
    for (const assignment of [[0, 1, 2], [2, 0, 1]]) {
      const jsReport = checkStrictLocalMinimum({ x, assignment, objective: js });
      expect(jsReport.value).toBeCloseTo(-Math.LN2, 9);
      expect(jsReport.strict).toBe(true);
      expect(checkStrictLocalMinimum({ x, assignment, objective: rs }).value).toBeCloseTo(-Math.LN2, 9);
    }
  });

  it('checks every coincidence pattern of the neighbourhood: 51 for four points on one data point (Bell numbers)', () => {
    // Σ_k C(4, k)·Bell(k) − 1 = 1 + 4 + 12 + 20 + 15 − 1.
    expect(checkStrictLocalMinimum({ x: [0, 1, 2, 3], assignment: [0, 0, 0, 0], objective: js }).neighbours).toBe(51);
  });
});

describe('jsLandscapeClosedForm', () => {
  it('gives −log 2 at the optimum and (1/4) log(4/27) for the two-point collapse', () => {
    expect(jsLandscapeClosedForm([1, 1, 1])).toBeCloseTo(-Math.LN2, 15);
    expect(jsLandscapeClosedForm([2, 0])).toBeCloseTo(Math.log(4 / 27) / 4, 15);
  });
});

describe('bad input', () => {
  it('names the field, the value and the fix', () => {
    expect(() => js([0, 1], [0])).toThrowError(/y: y must hold as many points as x \(2\) \(got 1\)/);
    expect(() => js([0, [1, 2]], [0, 1])).toThrowError(/x\[1\]: points must be finite and all of dimension 1/);
    expect(() => js([0, Number.NaN], [0, 1])).toThrowError(/x\[1\]: points must be finite/);
    expect(() => separableLandscape({ x: [0], y: [0], h1: logSigmoid, h2: logSigmoid, bound: 0 })).toThrowError(/bound: must be a finite number > 0/);
    expect(() => collapsedConfigurations(7)).toThrowError(/n: the n\^n − n! configurations are enumerated for n <= 6 only \(got 7\)/);
    expect(() => checkStrictLocalMinimum({ x: [0, 0], assignment: [0, 0], objective: js })).toThrowError(/x: the real points must be distinct/);
    expect(() => checkStrictLocalMinimum({ x: [0, 1], assignment: [0, 2], objective: js })).toThrowError(/assignment\[1\]: index out of range \(got 2\)/);
    expect(() => jsLandscapeClosedForm([2, 1])).toThrowError(/multiplicities: .*Σ m_i <= n/);
  });
});
