import type * as tf from '@tensorflow/tfjs-core';
import { backendExport, describeWithBackends, sourceExecArgv } from '@saddle/testing';
import { dataParallelGame } from '@saddle/train/node';
import { expect, it } from 'vitest';
import type { ExperimentContext } from '../experiment.js';
import type { DisposableGame, ExperimentGameSpec } from '../experiment-game.js';
import type { DcganRun } from './balaji2021-dcgan.js';
import { balaji2021Overparam } from './balaji2021-overparam.js';

const ctx = (backendName: string, seeds = 1): ExperimentContext => ({ seeds, quick: true, backendName, progress: () => undefined });

describeWithBackends('balaji2021-overparam DCGAN part --quick', { skip: { cpu: 'conv nets are several times slower on cpu; the pipeline is backend-independent TF.js code, run here on wasm' } }, ({ backend }) => {
  it('trains DCGANs of each width k and reports quality, stability and speed against k', async () => {
    const config = balaji2021Overparam.config(true);
    const result = await balaji2021Overparam.run({ ...config, part: 'dcgan' }, ctx(backend.name));
    const runs = (result.data as { dcgan: { runs: DcganRun[] } }).dcgan.runs;
    expect(runs.map((r) => r.width)).toEqual(config.dcganWidths);
    // Counted from the layer list (latent 100, bias-free 4×4 convs, BN γ and β):
    // G 16(100·4k + 4k·2k + 2k·k + 3k) + 2(4k + 2k + k), D 16(3k + k·2k + 2k·4k + 4k) + 2(2k + 4k) = 320k² + 6586k.
    expect(runs.map((r) => r.parameters)).toEqual(config.dcganWidths.map((k) => 320 * k * k + 6586 * k));
    for (const r of runs) {
      expect(r.coverage.map((c) => c.step)).toEqual([10, 20, 30, 40]);
      expect(Number.isInteger(r.modesCovered) && (r.modesCovered as number) >= 0 && (r.modesCovered as number) <= 12).toBe(true);
      expect(r.recognisedFraction).toBeGreaterThanOrEqual(0);
      expect(r.recognisedFraction).toBeLessThanOrEqual(1);
      expect(Number.isFinite(r.lossDStd) && r.lossDStd >= 0).toBe(true);
      // Late mode loss, recomputed from the run's own coverage curve.
      expect(r.modesLost).toBe(Math.max(...r.coverage.map((c) => c.modesCovered)) - (r.modesCovered as number));
    }
    expect(result.tables).toHaveLength(1);
    expect(result.tables[0]?.rows.map((row) => row[0])).toEqual(config.dcganWidths);
    expect(result.figures[0]?.svg).toContain('<svg');
    // 40 iterations cannot show the stability trend: the report must say so rather than claim agreement.
    const stability = result.comparisons.find((c) => c.quantity.startsWith('DCGAN training stability'));
    expect(stability?.agreement).toBe('not comparable');
    expect(result.comparisons.some((c) => c.agreement === 'agrees' && c.quantity.startsWith('DCGAN'))).toBe(false);
  });

  it('trains through the context\'s game builder (data-parallel on two worker threads) and stops its workers', async () => {
    const specs: ExperimentGameSpec[] = [];
    let disposed = 0;
    const buildGame = async (spec: ExperimentGameSpec): Promise<DisposableGame> => {
      specs.push(spec);
      const game = await dataParallelGame<tf.Tensor4D>({
        workers: 2, game: { module: new URL('../experiment-game.ts', import.meta.url), export: 'experimentGame', options: spec },
        backend: backendExport(backend.name), execArgv: sourceExecArgv(),
      });
      return { ...game, dispose: async () => void (disposed++, await game.dispose()) };
    };
    const config = { ...balaji2021Overparam.config(true), part: 'dcgan' as const, dcganWidths: [2], dcganIterations: 4 };
    const result = await balaji2021Overparam.run(config, { ...ctx(backend.name), buildGame });
    const runs = (result.data as { dcgan: { runs: DcganRun[] } }).dcgan.runs;
    expect(specs).toEqual([{ kind: 'dcgan', width: 2, latentSize: 100 }]);
    expect(disposed).toBe(1);
    expect(runs).toHaveLength(1);
    expect(Number.isFinite(runs[0]!.lastLossD) && Number.isFinite(runs[0]!.lastLossG)).toBe(true);
  }, 120_000);

  it('refuses CIFAR-10 without files and an unknown part, naming the field', async () => {
    const config = balaji2021Overparam.config(true);
    await expect(balaji2021Overparam.run({ ...config, part: 'dcgan', data: 'cifar10' }, ctx(backend.name))).rejects.toMatchObject({ field: 'dataPath' });
    await expect(balaji2021Overparam.run({ ...config, part: 'gan' as 'dcgan' }, ctx(backend.name))).rejects.toMatchObject({ field: 'part' });
  });
});
