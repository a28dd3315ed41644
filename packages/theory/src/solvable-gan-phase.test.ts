import { describe, expect, it } from 'vitest';
import { predictSolvableGanPhase, solvableGanPhaseBoundaries } from './solvable-gan-phase.js';
import { solvableGanFigure1Setting } from './solvable-gan-setting.js';

describe('solvableGanPhaseBoundaries', () => {
  it('gives the success windows of papers §3.6 (τ = 0.2, τ̃ = 0.04): (1.581, 5.000) for λ = 5 and (1.225, 3.873) for λ = 3', () => {
    const [five, three] = solvableGanPhaseBoundaries({ lambda: [5, 3], tau: 0.2, tauTilde: 0.04 });
    // √(τ̃λ/(2τ²)) and √(λ/τ): √2.5, √25, √1.5, √15.
    expect(five?.oscillationBelow).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(five?.failureAbove).toBeCloseTo(5, 14);
    expect(three?.oscillationBelow).toBeCloseTo(Math.sqrt(1.5), 14);
    expect(three?.failureAbove).toBeCloseTo(Math.sqrt(15), 14);
    expect(Math.abs((five?.oscillationBelow as number) - 1.581)).toBeLessThan(5e-4);
    expect(Math.abs((three?.oscillationBelow as number) - 1.225)).toBeLessThan(5e-4);
    expect(Math.abs((three?.failureAbove as number) - 3.873)).toBeLessThan(5e-4);
  });

  it('refuses a non-positive rate', () => {
    expect(() => solvableGanPhaseBoundaries({ lambda: [5], tau: 0, tauTilde: 0.04 })).toThrowError(/tau: must be a finite number > 0/);
  });
});

describe('predictSolvableGanPhase', () => {
  it('predicts the three panels of Fig. 1 (papers §3.7): η = 2 success, η = 1 oscillation, η = 4 first feature only', () => {
    expect(predictSolvableGanPhase(solvableGanFigure1Setting(2))).toEqual({ phase: 'success', features: ['recovered', 'recovered'] });
    expect(predictSolvableGanPhase(solvableGanFigure1Setting(1)).phase).toBe('oscillation');
    // λ₂ = 3 < τη² = 3.2 < λ₁ = 5.
    expect(predictSolvableGanPhase(solvableGanFigure1Setting(4))).toEqual({ phase: 'mode-collapse', features: ['recovered', 'not-recovered'] });
    expect(predictSolvableGanPhase(solvableGanFigure1Setting(6)).phase).toBe('failure');
  });

  it('agrees with the equal-noise boundaries on either side of them', () => {
    const at = (eta: number) => predictSolvableGanPhase({ lambda: [5], tau: 0.2, tauTilde: 0.04, etaT: eta, etaG: eta, q0: [0.1], P0: [[0.1]] }).phase;
    expect([at(1.58), at(1.59), at(4.99), at(5.01)]).toEqual(['oscillation', 'success', 'success', 'failure']);
  });
});
