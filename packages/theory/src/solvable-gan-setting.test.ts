import { describe, expect, it } from 'vitest';
import { solvableGanFigure1Setting, solvableGanInitialOrderParameters } from './solvable-gan-setting.js';

describe('solvableGanInitialOrderParameters', () => {
  it('follows the §3.8 construction: r(0) = P(0)ᵀq(0), S(0) = P(0)ᵀP(0) off the diagonal and 1 on it', () => {
    const P0 = [[0.3, 0.2], [0.1, -0.4]];
    const state = solvableGanInitialOrderParameters({ ...solvableGanFigure1Setting(2), q0: [0.5, 0.2], P0 });
    expect(state.q).toEqual([0.5, 0.2]);
    expect(state.P).toEqual(P0);
    // r_ℓ = Σ_i P_iℓ q_i: 0.3·0.5 + 0.1·0.2 = 0.17; 0.2·0.5 − 0.4·0.2 = 0.02.
    expect(state.r[0]).toBeCloseTo(0.17, 15);
    expect(state.r[1]).toBeCloseTo(0.02, 15);
    // S_12 = 0.3·0.2 + 0.1·(−0.4) = 0.02.
    expect(state.S[0]).toEqual([1, expect.closeTo(0.02, 15)]);
    expect(state.S[1]).toEqual([expect.closeTo(0.02, 15), 1]);
  });

  it('gives the Fig. 1 start r = (0.01, 0.01), S = I (papers §3.7)', () => {
    const { r, S } = solvableGanInitialOrderParameters(solvableGanFigure1Setting(2));
    expect(r).toEqual([expect.closeTo(0.01, 15), expect.closeTo(0.01, 15)]);
    expect(S).toEqual([[1, 0], [0, 1]]);
  });

  it('refuses cosines that no unit vector has, and wrong shapes', () => {
    const base = solvableGanFigure1Setting(2);
    expect(() => solvableGanInitialOrderParameters({ ...base, q0: [0.8, 0.8] })).toThrowError(/q0: .*‖q0‖ <= 1/);
    expect(() => solvableGanInitialOrderParameters({ ...base, P0: [[0.9, 0], [0.9, 0.1]] })).toThrowError(/P0\[\*\]\[0\]: column 0/);
    expect(() => solvableGanInitialOrderParameters({ ...base, P0: [[0.1, 0]] })).toThrowError(/P0: P0 must be 2×2/);
    expect(() => solvableGanInitialOrderParameters({ ...base, lambda: [5, -3] })).toThrowError(/lambda\[1\]: must be a finite number > 0 \(got -3\)/);
    expect(() => solvableGanInitialOrderParameters({ ...base, tau: 0 })).toThrowError(/tau: must be a finite number > 0/);
  });
});
