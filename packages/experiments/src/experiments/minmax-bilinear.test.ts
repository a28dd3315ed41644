import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import { minmaxBilinear } from './minmax-bilinear.js';

/** Per-step factors of ‖z‖ from the table of papers §5.2 (closed forms, 6 decimals). */
const PAPER: Readonly<Record<string, Readonly<Record<number, number>>>> = {
  'simultaneous GDA': { 0.1: 1.004988, 0.2: 1.019804, 0.5: 1.118034 },
  'alternating GDA': { 0.1: 1, 0.2: 1, 0.5: 1 },
  extragradient: { 0.1: 0.995038, 0.2: 0.980612, 0.5: 0.901388 },
  OGDA: { 0.1: 0.994936, 0.2: 0.978906, 0.5: 0.707107 },
  'past extragradient': { 0.1: 0.994936, 0.2: 0.978906, 0.5: 0.707107 },
};

describeWithBackends('minmax-bilinear (quick)', ALL_BACKENDS, () => {
  it('measures each method’s factor within 1e-4 of papers §5.2 and says so', async () => {
    const result = await minmaxBilinear.run(minmaxBilinear.config(true), { seeds: 1, quick: true, backendName: 'test', progress: () => undefined });
    const runs = (result.data as { runs: { method: string; eta: number; measured: number }[] }).runs;
    expect(runs).toHaveLength(15);
    for (const run of runs) {
      const paper = PAPER[run.method]?.[run.eta] as number;
      // 1e-4 for float32 iterates (papers §5.6) plus the table's 5e-7 rounding.
      expect(Math.abs(run.measured - paper)).toBeLessThan(1e-4 + 5e-7);
    }
    expect(result.comparisons.every((c) => c.agreement === 'agrees')).toBe(true);
    expect(result.figures[0]?.svg).toMatch(/^<svg/);
  });
});
