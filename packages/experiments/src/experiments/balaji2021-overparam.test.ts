import { describe, expect, it } from 'vitest';
import { balaji2021Overparam } from './balaji2021-overparam.js';

describe('balaji2021-overparam (quick)', () => {
  it('shows a residual that shrinks with the width k, read from the run', async () => {
    const config = { ...balaji2021Overparam.config(true), part: 'one-hidden-layer' as const };
    const result = await balaji2021Overparam.run(config, { seeds: 1, quick: true, backendName: 'none', progress: () => undefined });
    const runs = (result.data as { runs: { width: number; final: number; residuals: number[] }[] }).runs;
    expect(runs.map((r) => r.width)).toEqual(config.widths);
    const relative = runs.map((r) => r.final / (r.residuals[0] as number));
    for (const v of relative) expect(Number.isFinite(v)).toBe(true);
    // Wider is better (papers §1.4 item 3): the widest ends at least 10× below the narrowest.
    expect(relative.at(-1) as number).toBeLessThan((relative[0] as number) / 10);
    expect(result.comparisons.find((c) => c.quantity.startsWith('final residual does not grow'))?.agreement).toBe('agrees');
    expect(result.tables[0]?.rows).toHaveLength(config.widths.length);
  });

  it('runs seeds firstSeed … firstSeed + seeds − 1, so a sweep run reproduces that seed of a longer run', async () => {
    const config = { ...balaji2021Overparam.config(true), part: 'one-hidden-layer' as const, widths: [4, 16], steps: 20 };
    const ctx = (seeds: number) => ({ seeds, quick: true, backendName: 'none', progress: () => undefined });
    type Runs = { runs: { width: number; seed: number; residuals: number[] }[] };
    const three = (await balaji2021Overparam.run(config, ctx(3))).data as Runs;
    const third = (await balaji2021Overparam.run({ ...config, firstSeed: 2 }, ctx(1))).data as Runs;
    expect(third.runs.map((r) => r.seed)).toEqual([2, 2]);
    expect(third.runs).toEqual(three.runs.filter((r) => r.seed === 2));
  });
});
