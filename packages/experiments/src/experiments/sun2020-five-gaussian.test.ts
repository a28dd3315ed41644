import { SaddleError } from '@saddle/core';
import { describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import type { ExperimentContext } from '../experiment.js';
import { sun2020FiveGaussian } from './sun2020-five-gaussian.js';

interface Point { step: number; modesCovered: number; highQualityFraction: number; countsPerMode: number[] }
interface Data { runs: { loss: string; seed: number; trace: Point[] }[] }

const ctx = (backendName: string): ExperimentContext => ({ seeds: 1, quick: true, backendName, progress: () => undefined });

describeWithBackends('sun2020-five-gaussian --quick', { skip: { cpu: 'the cpu backend is ~3× slower on these MLPs; the experiment is backend-independent TF.js code, run here on wasm' } }, ({ backend }) => {
  it('trains JS-GAN and RS-GAN, traces coverage, and does not claim agreement at 400 iterations', async () => {
    const config = sun2020FiveGaussian.config(true);
    const result = await sun2020FiveGaussian.run(config, ctx(backend.name));
    const { runs } = result.data as Data;
    expect(runs.map((r) => r.loss)).toEqual(['js', 'rs']);
    for (const run of runs) {
      expect(run.trace.map((p) => p.step)).toEqual([100, 200, 300, 400]);
      for (const p of run.trace) {
        expect(p.countsPerMode).toHaveLength(5);
        // modes covered = modes holding ≥ 5% of the 1,000 fakes (50) within 3σ.
        expect(p.modesCovered).toBe(p.countsPerMode.filter((c) => c >= 50).length);
        expect(p.highQualityFraction).toBeCloseTo(p.countsPerMode.reduce((a, b) => a + b, 0) / 1000, 12);
      }
      // Training moves mass onto the modes: from the initial blob to most fakes near a centre.
      const first = run.trace[0] as Point;
      const last = run.trace.at(-1) as Point;
      expect(last.highQualityFraction).toBeGreaterThan(Math.max(0.3, first.highQualityFraction));
      expect(last.modesCovered).toBeGreaterThanOrEqual(3);
    }
    expect(result.comparisons.map((c) => c.agreement)).toEqual(['not comparable', 'not comparable', 'not comparable']);
    expect(result.figures).toHaveLength(3);
    for (const f of result.figures) expect(f.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(JSON.parse(JSON.stringify(result.data))).toEqual(result.data);
  });

  it('refuses an unknown loss, naming the field and the choices', async () => {
    const bad = { ...sun2020FiveGaussian.config(true), loss: 'wgan' as never };
    const error = await sun2020FiveGaussian.run(bad, ctx(backend.name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaddleError);
    expect(error).toMatchObject({ field: 'loss', fix: 'use js, rs or both' });
  });
});
