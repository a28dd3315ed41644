import type * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, type BatchSource } from '@saddle/core';
import { SHAPE_CLASSES } from '@saddle/datasets';
import { dcgan, parameterCount } from '@saddle/models';
import { adam, alternating } from '@saddle/optimizers';
import { svgLinePlot, type PlotSeries } from '@saddle/theory';
import { train, type GanGame } from '@saddle/train';
import type { Comparison, ExperimentContext, Figure, Table } from '../experiment.js';
import { onThisThread } from '../experiment-game.js';
import { checkAborted, sig } from '../internal/agreement.js';
import { loadImageData } from '../internal/image-data.js';
import { mean, meanStd, std } from '../internal/seed-stats.js';
import { shapeCoverageOf } from '../internal/shape-coverage.js';

/** The DCGAN width sweep's settings (fields of `Balaji2021OverparamConfig`). */
export interface DcganSweepSettings {
  /** DCGAN widths k (64 is the standard DCGAN). */
  readonly dcganWidths: readonly number[];
  /** Iterations, each one D step then one G step. */
  readonly dcganIterations: number;
  readonly dcganBatchSize: number;
  /** Mode coverage is measured every this many iterations and at the end (shapes only). */
  readonly dcganEvalEvery: number;
  /** Fakes classified per coverage measurement (shapes only). */
  readonly dcganEvalSamples: number;
  /** `shapes` (built-in 12-mode set, exact mode coverage) or `cifar10` (files under dataPath). */
  readonly data: 'shapes' | 'cifar10';
  /** CIFAR-10: the directory of `data_batch_1.bin` … `data_batch_5.bin`. */
  readonly dataPath: string;
}

/** The DCGAN recipe (papers §1.3, our recollection: UNVERIFIED for Balaji et al.): Adam 2e-4, β = (0.5, 0.999). */
const RECIPE = { learningRate: 2e-4, beta1: 0.5, beta2: 0.999 } as const;
const LATENT_SIZE = 100;
/** Half of the 12 shape modes: "steps to 6 modes" is the speed measure. */
const HALF_MODES = SHAPE_CLASSES.length / 2;
/** Below this many iterations the stability row is "not comparable": the last quarter is still the initial transient. */
const MIN_STABILITY_ITERATIONS = 200;

/** One DCGAN run at width k. */
export interface DcganRun {
  readonly width: number;
  readonly seed: number;
  readonly parameters: number;
  /** (iteration, modes covered of 12, recognised fraction) at each measurement (shapes only). */
  readonly coverage: readonly { readonly step: number; readonly modesCovered: number; readonly recognisedFraction: number }[];
  readonly modesCovered: number | null;
  readonly recognisedFraction: number | null;
  /** First measured iteration with ≥ 6 of 12 modes covered (null: never, or not shapes). */
  readonly stepsToHalfModes: number | null;
  /** Late mode loss: the most modes covered at any measurement minus those at the end (shapes only). */
  readonly modesLost: number | null;
  /** Stability: sample std of L_D (and L_G) over the last ⌈T/4⌉ iterations; lower is more stable. */
  readonly lossDStd: number;
  readonly lossGStd: number;
  readonly lastLossD: number;
  readonly lastLossG: number;
  readonly seconds: number;
}

/** The DCGAN sweep's part of the report. */
export interface DcganSweepResult {
  readonly summary: string;
  readonly comparisons: Comparison[];
  readonly figures: Figure[];
  readonly tables: Table[];
  readonly runs: readonly DcganRun[];
}

/**
 * The DCGAN width sweep of Balaji et al. (papers §1.1, §1.3, Fig. 1): `dcgan({ width: k })`
 * with the non-saturating loss and the DCGAN Adam recipe, alternating D then G, per k and seed.
 * Quality on the shapes set is exact: modes covered of 12 (≥ 1% of the fakes) and the recognised
 * ("high-quality") fraction, by `shapeModeCoverage`. Stability is measured two ways: the sample
 * standard deviation of L_D over the last ⌈T/4⌉ iterations (every iteration logged),
 * std_{t > T − ⌈T/4⌉} L_D(t), large when training oscillates but also small when D has won
 * outright (L_D ≈ 0), so it is read beside the late mode loss, max_t modes(t) − modes(T) over the
 * coverage measurements (shapes only), which catches a generator that found modes and lost them.
 * Speed is the first measured iteration with ≥ 6 modes.
 */
export async function runDcganSweep(settings: DcganSweepSettings, seeds: readonly number[], ctx: ExperimentContext): Promise<DcganSweepResult> {
  const data = await loadImageData(settings.data, settings.dataPath);
  const runs: DcganRun[] = [];
  const total = settings.dcganWidths.length * seeds.length;
  for (const width of settings.dcganWidths) {
    for (const seed of seeds) {
      checkAborted(ctx.signal);
      ctx.progress(`DCGAN k = ${width} seed ${seed}`, runs.length, total);
      runs.push(await runOne(settings, width, seed, data, ctx));
    }
  }
  ctx.progress('DCGAN done', total, total);
  return analyse(settings, runs);
}

async function runOne(settings: DcganSweepSettings, width: number, seed: number, data: BatchSource<tf.Tensor4D>, ctx: ExperimentContext): Promise<DcganRun> {
  const nets = dcgan({ width, latentSize: LATENT_SIZE });
  const game = await (ctx.buildGame ?? onThisThread)({ kind: 'dcgan', width, latentSize: LATENT_SIZE });
  try {
    return await trainOne(settings, width, seed, data, ctx, game, parameterCount(nets.generator) + parameterCount(nets.discriminator));
  } finally {
    await game.dispose?.();
  }
}

async function trainOne(
  settings: DcganSweepSettings, width: number, seed: number, data: BatchSource<tf.Tensor4D>, ctx: ExperimentContext, game: GanGame<tf.Tensor4D>, parameters: number,
): Promise<DcganRun> {
  const optimizer = alternating({ generator: adam(RECIPE), discriminator: adam(RECIPE) }, { first: 'discriminator' });
  const rng = createRng(seed);
  const evalRng = rng.fold('evaluation');
  const shapes = settings.data === 'shapes';
  const coverage: { step: number; modesCovered: number; recognisedFraction: number }[] = [];
  const losses: { d: number; g: number }[] = [];
  const result = await train({
    game, optimizer, data, batchSize: settings.dcganBatchSize, steps: settings.dcganIterations, rng, logEvery: 1,
    ...(shapes ? {
      evaluate: {
        every: settings.dcganEvalEvery,
        run: async (s) => {
          const c = await shapeCoverageOf(game, s.params, s.state, evalRng, settings.dcganEvalSamples);
          coverage.push({ step: s.step, modesCovered: c.modesCovered, recognisedFraction: c.recognisedFraction });
          return { modesCovered: c.modesCovered };
        },
      },
    } : {}),
    onEvent: (e) => {
      ctx.signal?.throwIfAborted();
      if (e.type === 'step') losses.push({ d: e.lossD, g: e.lossG });
    },
  });
  try {
    if (shapes && coverage.at(-1)?.step !== settings.dcganIterations) {
      const c = await shapeCoverageOf(game, result.params, result.state, evalRng, settings.dcganEvalSamples);
      coverage.push({ step: settings.dcganIterations, modesCovered: c.modesCovered, recognisedFraction: c.recognisedFraction });
    }
    const tail = losses.slice(-Math.max(2, Math.ceil(settings.dcganIterations / 4)));
    const last = coverage.at(-1);
    return {
      width, seed, parameters, coverage,
      modesCovered: last?.modesCovered ?? null, recognisedFraction: last?.recognisedFraction ?? null,
      stepsToHalfModes: coverage.find((c) => c.modesCovered >= HALF_MODES)?.step ?? null,
      modesLost: last === undefined ? null : Math.max(...coverage.map((c) => c.modesCovered)) - last.modesCovered,
      lossDStd: std(tail.map((l) => l.d)), lossGStd: std(tail.map((l) => l.g)),
      lastLossD: result.last.lossD, lastLossG: result.last.lossG, seconds: result.seconds,
    };
  } finally {
    disposeTree([result.params, result.state]);
  }
}

/** `agrees` when the widest k beats the narrowest and no wider k falls below a narrower one by more than `slack`; `partly` when only the ends are ordered. */
function trend(values: readonly number[], better: 'higher' | 'lower', slack: number): Comparison['agreement'] {
  const v = better === 'higher' ? values : values.map((x) => -x);
  const ends = (v.at(-1) as number) > (v[0] as number);
  const monotone = v.every((x, i) => i === 0 || x >= (v[i - 1] as number) - slack);
  return ends && monotone ? 'agrees' : ends ? 'partly' : 'disagrees';
}

function analyse(settings: DcganSweepSettings, runs: readonly DcganRun[]): DcganSweepResult {
  const widths = settings.dcganWidths;
  const byWidth = widths.map((k) => runs.filter((r) => r.width === k));
  const shapes = settings.data === 'shapes';
  const modes = byWidth.map((rs) => mean(rs.map((r) => r.modesCovered ?? Number.NaN)));
  const recognised = byWidth.map((rs) => mean(rs.map((r) => r.recognisedFraction ?? Number.NaN)));
  const lossDStd = byWidth.map((rs) => mean(rs.map((r) => r.lossDStd)));
  const reached = byWidth.map((rs) => rs.filter((r) => r.stepsToHalfModes !== null).length);
  const lost = byWidth.map((rs) => mean(rs.map((r) => r.modesLost ?? Number.NaN)));
  const perK = (values: readonly number[], digits: number) => values.map((v, i) => `k=${widths[i]}: ${v.toFixed(digits)}`).join(', ');
  const seedsPerK = byWidth[0]?.length ?? 0;
  const learnedAny = runs.some((r) => (r.modesCovered ?? 0) > 0);
  const comparisons: Comparison[] = [
    {
      quantity: 'DCGAN sample quality against k (modes covered of 12 on the shapes set)',
      paperSays: 'overparameterization improves sample quality: better train and test FID as k grows (Fig. 1 left/middle, papers §0, §1.1)',
      measured: !shapes ? 'not measured: mode coverage needs the shapes set; FID needs the Inception weights (see sun2020-narrow-nets)'
        : `mean modes covered ${perK(modes, 2)}; recognised fraction ${perK(recognised, 3)} (${seedsPerK} seed(s), ${settings.dcganIterations} iterations)`,
      agreement: !shapes || !learnedAny ? 'not comparable' : trend(modes, 'higher', 1),
      tolerance: shapes && !learnedAny
        ? `no width covered any mode in ${settings.dcganIterations} iterations: too short to show a trend`
        : 'agrees: the widest k covers more modes than the narrowest and no step up in k loses more than 1 mode on average; a different quality measure than FID, so only the direction is compared',
    },
    {
      quantity: 'DCGAN training stability against k (std of L_D over the last quarter)',
      paperSays: '"fast and stable convergence" for overparameterized models (Fig. 1 right, papers §1.1)',
      measured: `mean std of L_D over the last ${Math.max(2, Math.ceil(settings.dcganIterations / 4))} iterations: ${perK(lossDStd, 4)}`,
      agreement: settings.dcganIterations < MIN_STABILITY_ITERATIONS ? 'not comparable' : trend(lossDStd, 'lower', 0.1 * Math.max(...lossDStd)),
      tolerance: settings.dcganIterations < MIN_STABILITY_ITERATIONS
        ? `fewer than ${MIN_STABILITY_ITERATIONS} iterations: the last quarter is too short to tell oscillation from the initial transient`
        : 'agrees: the widest k oscillates less than the narrowest and no step up in k raises it by more than 10% of the largest; the paper plots loss curves, not this statistic',
    },
    {
      quantity: 'DCGAN late mode loss against k (most modes at any measurement minus modes at the end)',
      paperSays: '"stable convergence" for overparameterized models (Fig. 1 right, papers §1.1)',
      measured: !shapes ? 'not measured (shapes only)' : `mean modes lost ${perK(lost, 2)}`,
      agreement: !shapes || runs.every((r) => (r.modesLost ?? 0) === 0) ? 'not comparable' : trend(lost, 'lower', 1),
      tolerance: 'agrees: the widest k loses fewer modes than the narrowest and no step up in k loses more than 1 extra mode on average; not comparable when no run lost a mode (nothing to tell the widths apart)',
    },
    {
      quantity: `DCGAN training speed against k (iterations to cover ${HALF_MODES} of 12 modes)`,
      paperSays: 'overparameterized GANs converge faster (Fig. 1 right, papers §1.1)',
      measured: !shapes ? 'not measured (shapes only)' : byWidth.map((rs, i) => {
        const steps = rs.flatMap((r) => (r.stepsToHalfModes === null ? [] : [r.stepsToHalfModes]));
        return `k=${widths[i]}: ${reached[i]}/${rs.length} seeds${steps.length > 0 ? `, mean ${mean(steps).toFixed(0)}` : ''}`;
      }).join('; '),
      agreement: !shapes || reached.every((n) => n === 0) ? 'not comparable' : trend(reached, 'higher', 0),
      tolerance: `measured every ${settings.dcganEvalEvery} iterations; agrees when at least as many seeds reach ${HALF_MODES} modes at each wider k and more at the widest; not comparable when none does`,
    },
    {
      quantity: 'FID against k',
      paperSays: 'FID decreases from k = 8 to k = 64 (papers §1.3; the FID values are UNVERIFIED and not targets)',
      measured: 'not computed in this experiment (shapes set: exact coverage instead)',
      agreement: 'not comparable',
      tolerance: 'no paper values to compare with (papers §1.3: do not hard-code FID targets)',
    },
  ];
  const table: Table = {
    title: `DCGAN per width k (mean over seeds; ${settings.dcganIterations} iterations, batch ${settings.dcganBatchSize}, data ${settings.data})`,
    columns: ['k', 'parameters (G+D)', ...(shapes ? [`modes covered (of ${SHAPE_CLASSES.length})`, 'recognised fraction', `seeds reaching ${HALF_MODES} modes`, 'modes lost late'] : []), 'std L_D (last quarter)', 'std L_G (last quarter)', 'final L_D', 'seconds per run'],
    rows: widths.map((k, i) => {
      const rs = byWidth[i] ?? [];
      return [
        k, rs[0]?.parameters ?? 0,
        ...(shapes ? [meanStd(rs.map((r) => r.modesCovered ?? Number.NaN)), sig(recognised[i] as number, 3), `${reached[i]}/${rs.length}`, sig(lost[i] as number, 3)] : []),
        sig(lossDStd[i] as number, 3), sig(mean(rs.map((r) => r.lossGStd)), 3), sig(mean(rs.map((r) => r.lastLossD)), 4), sig(mean(rs.map((r) => r.seconds)), 3),
      ];
    }),
  };
  return {
    summary: `DCGAN width sweep (k = ${widths.join(', ')}; ${settings.dcganIterations} iterations, ${seedsPerK} seed(s), ${settings.data})` +
      (shapes ? `: mean modes covered of 12 ${perK(modes, 1)}.` : '.'),
    comparisons,
    figures: shapes ? [coverageFigure(widths, byWidth)] : [],
    tables: [table],
    runs,
  };
}

function coverageFigure(widths: readonly number[], byWidth: readonly (readonly DcganRun[])[]): Figure {
  const series: PlotSeries[] = widths.map((k, i) => {
    const rs = byWidth[i] ?? [];
    const steps = (rs[0]?.coverage ?? []).map((c) => c.step);
    return { name: `k = ${k}`, x: steps, y: steps.map((_, j) => mean(rs.map((r) => r.coverage[j]?.modesCovered ?? Number.NaN))) };
  });
  return {
    title: 'DCGAN: modes covered of 12 against iterations, per width k (mean over seeds)',
    caption: 'Exact mode coverage on the built-in shapes set (a mode counts with ≥ 1% of the fakes). Larger k: more overparameterized.',
    svg: svgLinePlot({ title: 'DCGAN width sweep on the shapes set', xLabel: 'iteration', yLabel: 'modes covered', series }),
  };
}
