import { SaddleError } from '@saddle/core';
import { describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import type { ExperimentContext } from '../experiment.js';
import { fictitiousMog } from './fictitious-mog.js';

interface Point { step: number; modesCovered: number; highQualityFraction: number; countsPerMode: number[] }
interface Evaluation { step: number; last: Point; average: Point; mixture: Point | null }
interface Data { runs: { method: string; evaluations: Evaluation[]; gradientEvaluations: number }[] }

const ctx = (backendName: string): ExperimentContext => ({ seeds: 1, quick: true, backendName, progress: () => undefined });

describeWithBackends('fictitious-mog --quick', { skip: { cpu: 'the cpu backend is ~3× slower on these MLPs; the experiment is backend-independent TF.js code, run here on wasm' } }, ({ backend }) => {
  it('trains both methods and measures last, averaged and mixture generators', async () => {
    const config = fictitiousMog.config(true);
    const result = await fictitiousMog.run(config, ctx(backend.name));
    const { runs } = result.data as Data;
    expect(runs.map((r) => r.method)).toEqual(['alternating', 'fictitious']);
    const [alt, fp] = runs as [Data['runs'][number], Data['runs'][number]];
    // Alternating: 2 gradient evaluations a step. Fictitious play with window n: 1 for D and up to n for G.
    expect(alt.gradientEvaluations).toBe(2 * config.steps);
    expect(fp.gradientEvaluations).toBe(config.steps * (1 + config.window) - (config.window * (config.window - 1)) / 2);
    expect(alt.evaluations.every((e) => e.mixture === null)).toBe(true);
    expect(fp.evaluations.every((e) => e.mixture !== null)).toBe(true);
    for (const run of runs) {
      expect(run.evaluations.map((e) => e.step)).toEqual([50, 100, 150, 200]);
      for (const e of run.evaluations) {
        for (const p of [e.last, e.average, ...(e.mixture === null ? [] : [e.mixture])]) {
          // A mode is covered with ≥ 1% of the 500 samples (5) within 3σ; the fraction counts them all.
          expect(p.modesCovered).toBe(p.countsPerMode.filter((c) => c >= 5).length);
          expect(p.highQualityFraction).toBeCloseTo(p.countsPerMode.reduce((a, b) => a + b, 0) / 500, 12);
        }
      }
    }
    expect(result.comparisons.map((c) => c.quantity)).toEqual([
      'fictitious play: the average of the generator outputs covers the data',
      'fictitious play vs alternating GDA, modes covered by the last iterate',
      'alternating GDA: averaged vs last iterate',
      'fictitious play: averaged vs last iterate',
    ]);
    expect(result.figures).toHaveLength(2);
  });

  it('refuses a window of 0, naming the field', async () => {
    const error = await fictitiousMog.run({ ...fictitiousMog.config(true), window: 0 }, ctx(backend.name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaddleError);
    expect(error).toMatchObject({ field: 'window' });
  });
});
