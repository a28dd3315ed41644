import { describe, expect, it } from 'vitest';
import { wang2019Solvable } from './wang2019-solvable.js';

describe('wang2019-solvable (quick)', () => {
  it('finds the three regimes of Fig. 1 and the early-phase values of papers §3.7', async () => {
    const result = await wang2019Solvable.run(wang2019Solvable.config(true), { seeds: 1, quick: true, backendName: 'none', progress: () => undefined });
    const data = result.data as Record<string, { ode: { phase: { phase: string } } }>;
    // The Fig. 1 caption (papers §3.1): η = 2 success, η = 1 oscillation, η = 4 only the first feature.
    expect(data.eta2?.ode.phase.phase).toBe('success');
    expect(data.eta1?.ode.phase.phase).toBe('oscillation');
    expect(data.eta4?.ode.phase.phase).toBe('mode-collapse');
    const early = result.comparisons.find((c) => c.quantity.includes('t = 10, 20, 30, 40'));
    const measured = early?.measured.split(' (')[0]?.split(', ').map(Number) ?? [];
    [0.1726, 0.352, 0.6485, 0.9081].forEach((v, i) => expect(Math.abs((measured[i] as number) - v)).toBeLessThan(5e-4));
    expect(result.comparisons.length).toBeGreaterThanOrEqual(8);
    expect(result.figures).toHaveLength(4);
    expect(result.tables[1]?.rows.length).toBe(wang2019Solvable.config(true).phase.etas.length);
  });
});
