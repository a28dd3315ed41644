import type * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, type GameOptimizer, type Params } from '@saddle/core';
import { gaussianRing } from '@saddle/datasets';
import { nonSaturating } from '@saddle/losses';
import { mlp } from '@saddle/models';
import { adam, alternating, averaged, fictitiousPlay, type AveragedState, type FictitiousPlayState } from '@saddle/optimizers';
import { svgLinePlot } from '@saddle/theory';
import { ganGame, train } from '@saddle/train';
import type { Comparison, Experiment, ExperimentContext, ExperimentResult, Figure } from '../experiment.js';
import { invalidConfig, requirePositiveIntegers, requireSeeds } from '../internal/config-checks.js';
import { coverageProbe, withoutSamples, type CoveragePoint } from '../internal/mixture-coverage.js';
import { mean, meanStd, seedList } from '../internal/seed-stats.js';

/** The training methods compared. */
export type FictitiousMethod = 'alternating' | 'fictitious';

/**
 * Settings of `fictitious-mog`. Every field can be a sweep grid key.
 *
 * @example
 * ```ts
 * const config: FictitiousMogConfig = { ...fictitiousMog.config(false), window: 10 };
 * ```
 */
export interface FictitiousMogConfig {
  /** Which methods to train (default `both`). */
  readonly method: FictitiousMethod | 'both';
  /** Modes K of the ring, its radius and each mode's σ (Metz et al.'s ring: 8, 2, 0.02). */
  readonly modes: number;
  readonly radius: number;
  readonly std: number;
  readonly steps: number;
  readonly batchSize: number;
  /** Width of both hidden layers of G and D (tanh, as `saddle train`'s ring default). */
  readonly hiddenSize: number;
  readonly latentSize: number;
  /** Adam η, β₁, β₂ for both players. */
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  /** n, each player's mixture of the opponent's last n models (fictitious play only). */
  readonly window: number;
  /** β of the parameter average θ̄ ← β·θ̄ + (1−β)·θ kept for both methods. */
  readonly emaBeta: number;
  readonly evalEvery: number;
  readonly evalSamples: number;
  /** A mode is covered with at least this fraction of the samples within 3σ. */
  readonly minFraction: number;
  /** Seeds are firstSeed … firstSeed + seeds − 1. */
  readonly firstSeed: number;
}

/** What is measured at each evaluation of one run. */
interface Evaluation {
  readonly step: number;
  /** G at the current parameters. */
  readonly last: CoveragePoint;
  /** G at the EMA of its parameters. */
  readonly average: CoveragePoint;
  /** The equal-weight mixture of the outputs of the last n generators (fictitious play's average strategy). */
  readonly mixture: CoveragePoint | null;
}

interface RunRecord {
  readonly method: FictitiousMethod;
  readonly seed: number;
  readonly evaluations: readonly Evaluation[];
  readonly gradientEvaluations: number;
  readonly seconds: number;
}

type Variant = 'last' | 'average' | 'mixture';
const LABELS: Readonly<Record<FictitiousMethod, string>> = { alternating: 'alternating GDA', fictitious: 'fictitious play' };
const VARIANT_LABELS: Readonly<Record<Variant, string>> = { last: 'last iterate', average: 'EMA-averaged parameters', mixture: 'mixture of the last n generators' };

/**
 * Fictitious play (Ge et al. 2018, papers §4) against alternating GDA on a ring of K Gaussians:
 * G and D are MLPs trained with the non-saturating GAN loss and Adam; fictitious play wraps the
 * same alternating optimizer so that D trains against a generator drawn from the last n and G
 * against the average loss of the last n discriminators. At each evaluation it measures modes
 * covered and the high-quality fraction (within 3σ) of three generators: the last iterate, the
 * EMA of G's parameters, and (fictitious play) the mixture of the last n generators' outputs,
 * whose asymptotic distribution the paper proves equals the data's. It also measures mode
 * hopping: the total-variation distance between the per-mode histograms of consecutive
 * evaluations, large when the last iterate cycles from mode to mode.
 *
 * @example
 * ```ts
 * const result = await fictitiousMog.run(fictitiousMog.config(true), { seeds: 1, quick: true, backendName: 'wasm', progress: () => {} });
 * ```
 * @see Ge et al., "Fictitious GAN: Training GANs with Historical Models", 2018
 */
export const fictitiousMog: Experiment<FictitiousMogConfig> = {
  id: 'fictitious-mog',
  title: 'Fictitious play vs alternating GDA on a ring of Gaussians: coverage, last vs average iterate',
  paper: 'Ge, Xia, Chen, Berry, Wu, "Fictitious GAN: Training GANs with Historical Models", ECCV 2018 (papers §4)',
  expectedSeconds: { quick: 15, full: 420 },
  defaultSeeds: { quick: 1, full: 3 },
  config: (quick) => ({
    method: 'both',
    modes: 8,
    radius: 2,
    std: quick ? 0.1 : 0.02,
    steps: quick ? 200 : 3000,
    batchSize: quick ? 64 : 256,
    hiddenSize: quick ? 32 : 64,
    latentSize: 8,
    learningRate: 1e-3,
    beta1: 0.9,
    beta2: 0.999,
    window: 5,
    emaBeta: quick ? 0.99 : 0.999,
    evalEvery: quick ? 50 : 150,
    evalSamples: quick ? 500 : 2500,
    minFraction: 0.01,
    firstSeed: 0,
  }),
  run: runFictitiousMog,
};

async function runFictitiousMog(config: FictitiousMogConfig, ctx: ExperimentContext): Promise<ExperimentResult> {
  validate(config, ctx);
  const methods: FictitiousMethod[] = config.method === 'both' ? ['alternating', 'fictitious'] : [config.method];
  const seeds = seedList(config.firstSeed, ctx.seeds);
  const runs: RunRecord[] = [];
  const total = methods.length * seeds.length * config.steps;
  let done = 0;
  for (const method of methods) {
    for (const seed of seeds) {
      runs.push(await runOne(config, method, seed, ctx, (step) => ctx.progress(`${LABELS[method]} seed ${seed}`, done + step, total)));
      done += config.steps;
    }
  }
  return analyse(config, methods, runs);
}

type Optimizer = GameOptimizer<AveragedState<tf.TensorContainer>>;

async function runOne(config: FictitiousMogConfig, method: FictitiousMethod, seed: number, ctx: ExperimentContext, progress: (step: number) => void): Promise<RunRecord> {
  const h = config.hiddenSize;
  const ring = gaussianRing({ modes: config.modes, radius: config.radius, std: config.std });
  const game = ganGame<tf.Tensor2D>({
    generator: mlp({ inputSize: config.latentSize, hiddenSizes: [h, h], outputSize: 2, activation: 'tanh' }),
    discriminator: mlp({ inputSize: 2, hiddenSizes: [h, h], outputSize: 1, activation: 'tanh' }),
    loss: nonSaturating,
    latentSize: config.latentSize,
  });
  const rng = createRng(seed);
  const player = () => adam({ learningRate: config.learningRate, beta1: config.beta1, beta2: config.beta2 });
  const base = alternating({ generator: player(), discriminator: player() });
  const inner = method === 'fictitious' ? fictitiousPlay(base, { window: config.window, rng: rng.fold('fictitious') }) : base;
  const optimizer = averaged(inner as GameOptimizer<tf.TensorContainer>, { average: { ema: config.emaBeta } }) as Optimizer;
  const probe = coverageProbe(game, ring, { samples: config.evalSamples, radiusInStd: 3, minFraction: config.minFraction }, rng.fold('evaluation'));
  const evaluations: Evaluation[] = [];
  try {
    const result = await train({
      game, optimizer, data: ring, batchSize: config.batchSize, steps: config.steps, rng, logEvery: config.evalEvery,
      evaluate: {
        every: config.evalEvery,
        async run({ step, params, state, optimizerState }) {
          ctx.signal?.throwIfAborted();
          const opt = optimizerState as AveragedState<tf.TensorContainer>;
          const last = await probe.measure(step, params, state);
          const average = await probe.measure(step, { ...params, generator: opt.average.generator as Params }, state);
          const history = method === 'fictitious' ? (opt.inner as FictitiousPlayState<tf.TensorContainer>).history.generator : undefined;
          const mixture = history === undefined ? null : await probe.measureMixture(step, [params.generator, ...history], params, state);
          evaluations.push({ step, last: withoutSamples(last), average: withoutSamples(average), mixture: mixture === null ? null : withoutSamples(mixture) });
          progress(step);
          return { modesCovered: last.modesCovered, averageModesCovered: average.modesCovered };
        },
      },
    });
    disposeTree([result.params, result.state]);
    return { method, seed, evaluations, gradientEvaluations: result.last.gradientEvaluations, seconds: result.seconds };
  } finally {
    probe.dispose();
  }
}

/**
 * Mode hopping of a sequence of evaluations: the mean over consecutive pairs (second half of the
 * run) of the total-variation distance ½·Σ_k |p_k − q_k| between their per-mode histograms p, q
 * (high-quality samples only, normalised). 0 for a fixed distribution over modes, 1 for a jump to
 * disjoint modes; pairs with no high-quality sample are skipped (NaN when none is left).
 */
function modeHopping(points: readonly CoveragePoint[]): number {
  const late = points.slice(Math.floor(points.length / 2));
  const histogram = (p: CoveragePoint) => {
    const total = p.countsPerMode.reduce((a, b) => a + b, 0);
    return p.countsPerMode.map((c) => (total === 0 ? 0 : c / total));
  };
  const distances = late.slice(1).flatMap((p, i) => {
    const a = histogram(late[i] as CoveragePoint);
    const b = histogram(p);
    const empty = (h: number[]) => h.every((v) => v === 0);
    return empty(a) || empty(b) ? [] : [0.5 * a.reduce((s, v, k) => s + Math.abs(v - (b[k] as number)), 0)];
  });
  return mean(distances);
}

function validate(config: FictitiousMogConfig, ctx: ExperimentContext): void {
  if (!['alternating', 'fictitious', 'both'].includes(config.method)) invalidConfig('method', config.method, 'use alternating, fictitious or both');
  requirePositiveIntegers(config, ['modes', 'steps', 'batchSize', 'hiddenSize', 'latentSize', 'window', 'evalEvery', 'evalSamples']);
  if (!(config.learningRate > 0)) invalidConfig('learningRate', config.learningRate, 'use a positive number such as 1e-3');
  if (!(config.emaBeta >= 0 && config.emaBeta < 1)) invalidConfig('emaBeta', config.emaBeta, 'use a number in [0, 1)');
  if (!(config.minFraction > 0 && config.minFraction <= 1)) invalidConfig('minFraction', config.minFraction, 'use a fraction in (0, 1]');
  requireSeeds(config.firstSeed, ctx.seeds);
}

function analyse(config: FictitiousMogConfig, methods: readonly FictitiousMethod[], runs: readonly RunRecord[]): ExperimentResult {
  const of = (method: FictitiousMethod) => runs.filter((r) => r.method === method);
  const series = (r: RunRecord, v: Variant): CoveragePoint[] => r.evaluations.flatMap((e) => (v === 'mixture' ? (e.mixture === null ? [] : [e.mixture]) : [e[v]]));
  const variants = (method: FictitiousMethod): Variant[] => (method === 'fictitious' ? ['last', 'average', 'mixture'] : ['last', 'average']);
  const finalOf = (r: RunRecord, v: Variant) => series(r, v).at(-1) as CoveragePoint;
  const steps = (runs[0] as RunRecord).evaluations.map((e) => e.step);
  const summaryStats = methods.flatMap((method) => variants(method).map((v) => {
    const rs = of(method);
    return {
      method, variant: v,
      modes: rs.map((r) => finalOf(r, v).modesCovered),
      highQuality: rs.map((r) => finalOf(r, v).highQualityFraction),
      hopping: rs.map((r) => modeHopping(series(r, v))),
    };
  }));
  const stat = (method: FictitiousMethod, v: Variant) => summaryStats.find((s) => s.method === method && s.variant === v);
  const seedCount = of(methods[0] as FictitiousMethod).length;

  const curves = (pick: (p: CoveragePoint) => number) =>
    methods.flatMap((method) => variants(method).map((v) => ({
      name: `${LABELS[method]}, ${VARIANT_LABELS[v]}`,
      x: steps,
      y: steps.map((_, i) => mean(of(method).map((r) => pick(series(r, v)[i] as CoveragePoint)))),
    })));
  const figures: Figure[] = [
    {
      title: 'Modes covered over time (mean over seeds)',
      svg: svgLinePlot({ title: `Modes covered (of ${config.modes})`, xLabel: 'step', yLabel: 'modes covered', series: curves((p) => p.modesCovered) }),
      caption: `A mode is covered with ≥ ${Math.round(config.minFraction * 100)}% of ${config.evalSamples} samples within 3σ of its centre.`,
    },
    {
      title: 'High-quality fraction over time (mean over seeds)',
      svg: svgLinePlot({ title: 'High-quality fraction', xLabel: 'step', yLabel: 'fraction within 3σ of a centre', series: curves((p) => p.highQualityFraction) }),
    },
  ];
  const tables = [{
    title: 'Final coverage and mode hopping (mean ± std over seeds)',
    columns: ['method', 'generator', 'modes covered', 'high-quality fraction', 'mode hopping (TV, 2nd half)'],
    rows: summaryStats.map((s) => [LABELS[s.method], VARIANT_LABELS[s.variant], meanStd(s.modes), meanStd(s.highQuality, 3), meanStd(s.hopping, 3)]),
  }];

  const comparisons: Comparison[] = [];
  const fpMix = stat('fictitious', 'mixture');
  const fpLast = stat('fictitious', 'last');
  const altLast = stat('alternating', 'last');
  if (fpMix !== undefined) {
    comparisons.push({
      quantity: 'fictitious play: the average of the generator outputs covers the data',
      paperSays: 'asymptotically the average of the generator outputs has the data distribution (papers §0/§4.1, a theorem; no toy numbers were retrieved)',
      measured: `mixture of the last ${config.window} generators covers ${meanStd(fpMix.modes)} of ${config.modes} modes, high-quality fraction ${meanStd(fpMix.highQuality, 3)} after ${config.steps} steps`,
      agreement: fpMix.modes.every((m) => m === config.modes) ? 'agrees' : mean(fpMix.modes) >= config.modes - 1 ? 'partly' : 'disagrees',
      tolerance: 'all modes covered in every seed to agree, within one mode on average "partly"; finite time and a window of n models only approximate the asymptotic average',
    });
  }
  if (fpLast !== undefined && altLast !== undefined) {
    const gap = mean(fpLast.modes) - mean(altLast.modes);
    comparisons.push({
      quantity: 'fictitious play vs alternating GDA, modes covered by the last iterate',
      paperSays: 'fictitious GAN resolves convergence issues that standard (alternating) training cannot (papers §4.1, qualitative)',
      measured: `fictitious ${meanStd(fpLast.modes)} vs alternating ${meanStd(altLast.modes)} modes (difference ${gap.toFixed(2)}); mode hopping ${meanStd(fpLast.hopping, 3)} vs ${meanStd(altLast.hopping, 3)}`,
      agreement: gap > 0 ? 'agrees' : gap === 0 ? 'partly' : 'disagrees',
      tolerance: `sign of the mean difference over ${seedCount} seed(s); equal coverage is "partly"`,
    });
  }
  for (const method of methods) {
    const last = stat(method, 'last');
    const avg = stat(method, 'average');
    if (last === undefined || avg === undefined) continue;
    // Hopping is NaN for a run without two evaluations holding high-quality samples: such runs are left out.
    const finiteMean = (xs: number[]) => mean(xs.filter(Number.isFinite));
    const calmer = finiteMean(avg.hopping) < finiteMean(last.hopping);
    comparisons.push({
      quantity: `${LABELS[method]}: averaged vs last iterate`,
      paperSays: 'the averaged strategy converges while the last iterate may keep cycling (papers §4.3 item 4, qualitative; fictitious-play theory)',
      measured: `mode hopping: averaged ${meanStd(avg.hopping, 3)} vs last ${meanStd(last.hopping, 3)}; modes: averaged ${meanStd(avg.modes)} vs last ${meanStd(last.modes)}`,
      agreement: calmer && mean(avg.modes) >= mean(last.modes) ? 'agrees' : calmer || mean(avg.modes) >= mean(last.modes) ? 'partly' : 'disagrees',
      tolerance: 'agrees when the averaged generator hops less (mean over seeds with high-quality samples) and covers at least as many modes; one of the two is "partly"',
    });
  }

  const text = summaryStats.map((s) => `${LABELS[s.method]} (${VARIANT_LABELS[s.variant]}): ${meanStd(s.modes)} modes`).join('; ');
  return {
    summary: `Ring of ${config.modes} Gaussians, ${config.steps} steps, ${seedCount} seed(s): ${text}.`,
    comparisons,
    figures,
    tables,
    data: {
      final: Object.fromEntries(summaryStats.flatMap((s) => [
        [`${s.method}.${s.variant}.modesCovered`, mean(s.modes)],
        [`${s.method}.${s.variant}.highQualityFraction`, mean(s.highQuality)],
        [`${s.method}.${s.variant}.modeHopping`, mean(s.hopping)],
      ])),
      stats: summaryStats,
      runs,
    },
  };
}
