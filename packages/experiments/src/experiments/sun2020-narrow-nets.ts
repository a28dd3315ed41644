import type * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, SaddleError, type BatchSource, type GanLoss, type GradientTransformation } from '@saddle/core';
import { SHAPE_CLASSES } from '@saddle/datasets';
import { nonSaturating, rsGan } from '@saddle/losses';
import { parameterCount, rsganCnn, rsganResNet, type GanArchitectures } from '@saddle/models';
import { adam, alternating, chain, linearDecaySchedule } from '@saddle/optimizers';
import { train, type GanGame } from '@saddle/train';
import type { Comparison, Experiment, ExperimentContext, ExperimentResult, Table } from '../experiment.js';
import { onThisThread, type ExperimentGameSpec } from '../experiment-game.js';
import { invalidConfig, requirePositiveIntegers, requireSeeds } from '../internal/config-checks.js';
import { loadImageData } from '../internal/image-data.js';
import { meanStd, seedList } from '../internal/seed-stats.js';
import { shapeCoverageOf } from '../internal/shape-coverage.js';
import { unitNormRow } from '../internal/unit-row.js';

/** The two network families of Table 2. */
export type NarrowArchitecture = 'cnn' | 'resnet';
/** The width variants of Table 2: the regular net, num_features halved or quartered, and the ResNet bottleneck. */
export type NarrowWidth = 'regular' | 'channel/2' | 'channel/4' | 'bottleneck';
type Loss = 'js' | 'rs';

/**
 * Settings of `sun2020-narrow-nets` (papers §2.5, RS-GAN `scripts.txt`). Every field can be a
 * sweep grid key.
 *
 * @example
 * ```ts
 * const config: NarrowNetsConfig = { ...sun2020NarrowNets.config(false), data: 'cifar10', dataPath: 'cifar-10-batches-bin' };
 * ```
 */
export interface NarrowNetsConfig {
  /** `cnn`, `resnet` or `both` (default). */
  readonly architecture: NarrowArchitecture | 'both';
  /** One width variant or `all` (default: regular, channel/2, channel/4, and bottleneck for the ResNet). */
  readonly width: NarrowWidth | 'all';
  /** `js`, `rs` or `both` (default). */
  readonly loss: Loss | 'both';
  /** F of the regular CNN (paper: 64) and ResNet (paper: 256 at 32×32); the variants divide it. */
  readonly cnnFeatures: number;
  readonly resnetFeatures: number;
  /** `shapes` (built-in 12-mode set, exact mode coverage), `cifar10` or `stl10` (files under dataPath). */
  readonly data: 'shapes' | 'cifar10' | 'stl10';
  /** CIFAR-10: the directory of `data_batch_1.bin` … `data_batch_5.bin`; STL-10: `unlabeled_X.bin`. */
  readonly dataPath: string;
  /** Iterations, each one G step then dFreq D steps (paper: 100,000, decay from 50,000). */
  readonly iterations: number;
  readonly batchSize: number;
  /** Fakes classified for mode coverage at the end (shapes only). */
  readonly evalSamples: number;
  /** Seeds are firstSeed … firstSeed + seeds − 1. */
  readonly firstSeed: number;
}

/** Per-architecture optimiser settings of `scripts.txt` (CIFAR rows). */
const RECIPES: Readonly<Record<NarrowArchitecture, { gLr: number; dLr: number; beta1: number; beta2: number; dFreq: number }>> = {
  cnn: { gLr: 5e-4, dLr: 2e-4, beta1: 0.5, beta2: 0.999, dFreq: 1 },
  resnet: { gLr: 1.5e-3, dLr: 2e-4, beta1: 0, beta2: 0.9, dFreq: 5 },
};
const LOSSES: Readonly<Record<Loss, { loss: GanLoss; label: string }>> = {
  js: { loss: nonSaturating, label: 'JS-GAN + SN' },
  rs: { loss: rsGan, label: 'RS-GAN + SN' },
};

/** Table 2 of Sun, Fang, Schwing 2020 (papers §0): CIFAR-10 FID per row (↓) and model size relative to regular. */
const TABLE2_CIFAR_FID: Readonly<Record<string, { js: number; rs: number; size: string }>> = {
  'cnn regular': { js: 28.07, rs: 27.16, size: '100%' },
  'cnn channel/2': { js: 33.9, rs: 32.74, size: '29.0%' },
  'cnn channel/4': { js: 52.63, rs: 45.37, size: '9.2%' },
  'resnet regular': { js: 20.13, rs: 19.31, size: '100%' },
  'resnet channel/2': { js: 23.29, rs: 21.78, size: '27.5%' },
  'resnet channel/4': { js: 45.2, rs: 31.26, size: '10.4%' },
  'resnet bottleneck': { js: 26.98, rs: 25.44, size: '16.8%' },
};

interface RunRecord {
  readonly architecture: NarrowArchitecture;
  readonly width: NarrowWidth;
  readonly loss: Loss;
  readonly seed: number;
  readonly numFeatures: number;
  readonly parameters: number;
  /** Modes of the 12 with ≥ 1% of the fakes (shapes), else null. */
  readonly modesCovered: number | null;
  /** Fraction of fakes recognised as some shape (shapes), else null. */
  readonly recognisedFraction: number | null;
  readonly lastLossD: number;
  readonly lastLossG: number;
  readonly seconds: number;
}

/**
 * Sun, Fang, Schwing 2020, Table 2 (papers §2.5): JS-GAN + SN vs RS-GAN + SN with the SN-CNN and
 * SN-ResNet of RS-GAN's `networks.py` at the regular width, channel/2, channel/4 and (ResNet)
 * bottleneck; Adam and d_freq per `scripts.txt`, the learning rate decaying linearly to 0 from
 * half-way, RS-GAN renormalising D's projection row after every D step. On the built-in 12-mode
 * coloured-shapes set it reports exact mode coverage (`shapeModeCoverage`) and the recognised
 * fraction; on CIFAR-10 / STL-10 files it trains the same grid, and the comparison with Table 2's
 * FID needs the FID Inception weights (not computed here). Parameter counts are checked against
 * the size column of Table 2. `--quick` runs the same pipeline (all 14 runs: training, exact
 * coverage, report) with F = 8 for both families, batch 4 and a single iteration (1 G step,
 * then 1 or 5 D steps): conv nets take 0.3–2 s an iteration on a loaded 2-core wasm machine, so
 * a few hundred steps do not fit in CI; `saddle sweep sun2020-narrow-nets --quick --grid
 * iterations=300` runs more. The full run on files: `--grid data=cifar10 --grid dataPath=DIR`.
 *
 * @example
 * ```ts
 * const result = await sun2020NarrowNets.run(sun2020NarrowNets.config(true), { seeds: 1, quick: true, backendName: 'wasm', progress: () => {} });
 * ```
 * @see Sun, Fang, Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export const sun2020NarrowNets: Experiment<NarrowNetsConfig> = {
  id: 'sun2020-narrow-nets',
  title: 'JS-GAN vs RS-GAN with narrow CNN/ResNet nets (Table 2 grid)',
  paper: 'Sun, Fang, Schwing, "Towards a Better Global Loss Landscape of GANs", NeurIPS 2020 (papers §2.5, Table 2)',
  expectedSeconds: { quick: 30, full: 14 * 86_400 },
  defaultSeeds: { quick: 1, full: 1 },
  config: (quick) => ({
    architecture: 'both',
    width: 'all',
    loss: 'both',
    cnnFeatures: quick ? 8 : 64,
    resnetFeatures: quick ? 8 : 256,
    data: 'shapes',
    dataPath: '',
    iterations: quick ? 1 : 100_000,
    batchSize: quick ? 4 : 64,
    evalSamples: quick ? 24 : 1200,
    firstSeed: 0,
  }),
  run: runNarrowNets,
};

/** F of the paper's regular nets at 32×32 (`scripts.txt`: CNN 64, ResNet 256). */
const PAPER_FEATURES: Readonly<Record<NarrowArchitecture, number>> = { cnn: 64, resnet: 256 };

/** G+D parameters of a variant at the paper's F (32×32), from the layer lists (nothing allocated). */
function paperParameters(architecture: NarrowArchitecture, width: NarrowWidth): number {
  const numFeatures = featuresOf(width, PAPER_FEATURES[architecture]);
  const nets = architecture === 'cnn' ? rsganCnn({ numFeatures }) : rsganResNet({ numFeatures, bottleneck: width === 'bottleneck' });
  return parameterCount(nets.generator) + parameterCount(nets.discriminator);
}

/**
 * F of a width variant: num_features halved or quartered (`*-half-*`, `*-quater-*`). The
 * bottleneck row is channel/2 with bottleneck blocks: only that reproduces its 16.8% (see the
 * size check in `@saddle/models`' architecture tests).
 */
function featuresOf(width: NarrowWidth, regular: number): number {
  return width === 'channel/2' || width === 'bottleneck' ? Math.floor(regular / 2) : width === 'channel/4' ? Math.floor(regular / 4) : regular;
}

function architectures(architecture: NarrowArchitecture, width: NarrowWidth, config: NarrowNetsConfig): { nets: GanArchitectures; numFeatures: number } {
  const imageSize = config.data === 'stl10' ? 48 : 32;
  if (architecture === 'cnn') {
    const numFeatures = featuresOf(width, config.cnnFeatures);
    return { nets: rsganCnn({ numFeatures, imageSize }), numFeatures };
  }
  const numFeatures = featuresOf(width, config.resnetFeatures);
  return { nets: rsganResNet({ numFeatures, imageSize, bottleneck: width === 'bottleneck' }), numFeatures };
}

async function runNarrowNets(config: NarrowNetsConfig, ctx: ExperimentContext): Promise<ExperimentResult> {
  validate(config, ctx);
  const archs: NarrowArchitecture[] = config.architecture === 'both' ? ['cnn', 'resnet'] : [config.architecture];
  const cells = archs.flatMap((a) => {
    const widths: NarrowWidth[] = config.width !== 'all' ? [config.width] : a === 'cnn' ? ['regular', 'channel/2', 'channel/4'] : ['regular', 'channel/2', 'channel/4', 'bottleneck'];
    return widths.map((w) => [a, w] as const);
  });
  for (const [a, w] of cells) {
    if (a === 'cnn' && w === 'bottleneck') throw new SaddleError('the CNN has no bottleneck variant', { code: 'INVALID_CONFIG', field: 'width', value: w, fix: 'use bottleneck with architecture resnet' });
  }
  const losses: Loss[] = config.loss === 'both' ? ['js', 'rs'] : [config.loss];
  const seeds = seedList(config.firstSeed, ctx.seeds);
  const data = await loadImageData(config.data, config.dataPath);
  const runs: RunRecord[] = [];
  const total = cells.length * losses.length * seeds.length;
  for (const [architecture, width] of cells) {
    for (const loss of losses) {
      for (const seed of seeds) {
        ctx.progress(`${architecture} ${width} ${LOSSES[loss].label} seed ${seed}`, runs.length, total);
        runs.push(await runOne(config, architecture, width, loss, seed, data, ctx));
      }
    }
  }
  ctx.progress('done', total, total);
  return analyse(config, runs);
}

async function runOne(
  config: NarrowNetsConfig,
  architecture: NarrowArchitecture,
  width: NarrowWidth,
  loss: Loss,
  seed: number,
  data: BatchSource<tf.Tensor4D>,
  ctx: ExperimentContext,
): Promise<RunRecord> {
  const { nets, numFeatures } = architectures(architecture, width, config);
  const spec: ExperimentGameSpec = { kind: 'rsgan', architecture, numFeatures, imageSize: config.data === 'stl10' ? 48 : 32, bottleneck: width === 'bottleneck', loss };
  const game = await (ctx.buildGame ?? onThisThread)(spec);
  try {
    return await trainOne(config, architecture, width, loss, seed, data, ctx, game, numFeatures, parameterCount(nets.generator) + parameterCount(nets.discriminator));
  } finally {
    await game.dispose?.();
  }
}

async function trainOne(
  config: NarrowNetsConfig, architecture: NarrowArchitecture, width: NarrowWidth, loss: Loss, seed: number,
  data: BatchSource<tf.Tensor4D>, ctx: ExperimentContext, game: GanGame<tf.Tensor4D>, numFeatures: number, parameters: number,
): Promise<RunRecord> {
  const recipe = RECIPES[architecture];
  // The learning rate decays linearly to 0 over the second half of training (utils.decay_lr); steps count each player's moves.
  const schedule = (lr: number, movesPerIteration: number) =>
    linearDecaySchedule({ initial: lr, decayStart: Math.floor((movesPerIteration * config.iterations) / 2), decayEnd: movesPerIteration * config.iterations });
  const dAdam = adam({ learningRate: schedule(recipe.dLr, recipe.dFreq), beta1: recipe.beta1, beta2: recipe.beta2 });
  const discriminator: GradientTransformation = loss === 'rs' ? chain(dAdam, unitNormRow('proj/kernel')) : dAdam;
  const optimizer = alternating(
    { generator: adam({ learningRate: schedule(recipe.gLr, 1), beta1: recipe.beta1, beta2: recipe.beta2 }), discriminator },
    { first: 'generator', discriminatorSteps: recipe.dFreq },
  );
  const rng = createRng(seed);
  const result = await train({
    game, optimizer, data, batchSize: config.batchSize, steps: config.iterations, rng,
    logEvery: Math.max(1, Math.min(config.iterations, 100)),
    onEvent: () => ctx.signal?.throwIfAborted(),
  });
  try {
    let modesCovered: number | null = null;
    let recognisedFraction: number | null = null;
    if (config.data === 'shapes') {
      const coverage = await shapeCoverageOf(game, result.params, result.state, rng.fold('evaluation'), config.evalSamples);
      modesCovered = coverage.modesCovered;
      recognisedFraction = coverage.recognisedFraction;
    }
    return {
      architecture, width, loss, seed, numFeatures,
      parameters,
      modesCovered, recognisedFraction, lastLossD: result.last.lossD, lastLossG: result.last.lossG, seconds: result.seconds,
    };
  } finally {
    disposeTree([result.params, result.state]);
  }
}

/** A difference to one decimal with its sign, never "-0.0". */
function signed(x: number): string {
  const rounded = Math.round(10 * x) / 10;
  return rounded === 0 ? '0.0' : `${rounded > 0 ? '+' : ''}${rounded.toFixed(1)}`;
}

function validate(config: NarrowNetsConfig, ctx: ExperimentContext): void {
  if (!['cnn', 'resnet', 'both'].includes(config.architecture)) invalidConfig('architecture', config.architecture, 'use cnn, resnet or both');
  if (!['regular', 'channel/2', 'channel/4', 'bottleneck', 'all'].includes(config.width)) invalidConfig('width', config.width, 'use regular, channel/2, channel/4, bottleneck or all');
  if (!['js', 'rs', 'both'].includes(config.loss)) invalidConfig('loss', config.loss, 'use js, rs or both');
  if (!['shapes', 'cifar10', 'stl10'].includes(config.data)) invalidConfig('data', config.data, 'use shapes, cifar10 or stl10');
  if (config.data !== 'shapes' && config.dataPath === '') invalidConfig('dataPath', config.dataPath, `pass the ${config.data === 'cifar10' ? 'cifar-10-batches-bin directory' : 'STL-10 unlabeled_X.bin file'}`);
  for (const field of ['cnnFeatures', 'resnetFeatures'] as const) {
    if (!Number.isInteger(config[field]) || config[field] < 4) invalidConfig(field, config[field], 'use an integer ≥ 4 (channel/4 must keep a channel)');
  }
  requirePositiveIntegers(config, ['iterations', 'batchSize', 'evalSamples']);
  requireSeeds(config.firstSeed, ctx.seeds);
}

function analyse(config: NarrowNetsConfig, runs: readonly RunRecord[]): ExperimentResult {
  const shapes = config.data === 'shapes';
  const table: Table = {
    title: `Runs (${config.iterations} iteration${config.iterations === 1 ? '' : 's'}, batch ${config.batchSize}, data ${config.data})`,
    columns: ['net', 'width', 'F', 'loss', 'seed', 'parameters (G+D)', 'size vs regular', ...(shapes ? [`modes covered (of ${SHAPE_CLASSES.length})`, 'recognised fraction'] : []), 'final L_D', 'final L_G', 'seconds'],
    rows: runs.map((r) => {
      const regular = runs.find((x) => x.architecture === r.architecture && x.width === 'regular');
      return [
        r.architecture, r.width, r.numFeatures, LOSSES[r.loss].label, r.seed, r.parameters,
        regular === undefined ? '—' : `${((100 * r.parameters) / regular.parameters).toFixed(1)}%`,
        ...(shapes ? [r.modesCovered ?? '—', r.recognisedFraction?.toFixed(3) ?? '—'] : []),
        r.lastLossD.toFixed(4), r.lastLossG.toFixed(4), r.seconds.toFixed(1),
      ];
    }),
  };
  const comparisons: Comparison[] = [];
  for (const [row, paper] of Object.entries(TABLE2_CIFAR_FID)) {
    const [architecture, width] = row.split(' ') as [NarrowArchitecture, NarrowWidth];
    const cell = runs.filter((r) => r.architecture === architecture && r.width === width);
    if (cell.length === 0) continue;
    if (width !== 'regular') {
      const size = (100 * paperParameters(architecture, width)) / paperParameters(architecture, 'regular');
      const expected = Number.parseFloat(paper.size);
      comparisons.push({
        quantity: `${architecture} ${width}: model size (G+D parameters) relative to regular, at the paper's F`,
        paperSays: paper.size,
        measured: `${size.toFixed(1)}% (F = ${featuresOf(width, PAPER_FEATURES[architecture])}${width === 'bottleneck' ? ' with bottleneck blocks' : ''} vs ${PAPER_FEATURES[architecture]}; ${signed(size - expected)} points from the paper)`,
        agreement: Math.abs(size - expected) <= 0.1 ? 'agrees' : Math.abs(size - expected) <= 1 ? 'partly' : 'disagrees',
        tolerance: '±0.1 percentage points: the paper rounds to 0.1%; counted from the layer lists without allocating',
      });
    }
    const byLoss = (loss: Loss) => cell.filter((r) => r.loss === loss);
    const coverage = (loss: Loss) => byLoss(loss).flatMap((r) => (r.modesCovered === null ? [] : [r.modesCovered]));
    comparisons.push({
      quantity: `${architecture} ${width}: JS-GAN vs RS-GAN`,
      paperSays: `CIFAR-10 FID ${paper.js} (JS) vs ${paper.rs} (RS): RS better by ${(paper.js - paper.rs).toFixed(2)}`,
      measured: shapes
        ? `modes covered of 12 on the shapes set: JS ${meanStd(coverage('js'))} vs RS ${meanStd(coverage('rs'))}`
        : 'FID not measured: it needs the FID Inception weights (pt_inception-2015-12-05), not bundled',
      agreement: 'not comparable',
      tolerance: 'Table 2 reports FID on CIFAR-10 after 100k iterations; shape-set mode coverage or a shorter run is a different quantity',
    });
  }
  const cover = runs.filter((r) => r.modesCovered !== null);
  return {
    summary: `${runs.length} runs of the Table 2 grid on ${config.data} (${config.iterations} iteration${config.iterations === 1 ? '' : 's'} each)${shapes && cover.length > 0 ? `; modes covered of 12: ${meanStd(cover.map((r) => r.modesCovered as number))} on average` : ''}. FID against Table 2 needs CIFAR-10/STL-10 files, the FID Inception weights and a GPU-class backend.`,
    comparisons,
    figures: [],
    tables: [table],
    data: {
      final: Object.fromEntries(runs.flatMap((r) => {
        const key = `${r.architecture}.${r.width}.${r.loss}`;
        return r.seed === config.firstSeed ? [[`${key}.parameters`, r.parameters], ...(r.modesCovered === null ? [] : [[`${key}.modesCovered`, r.modesCovered]])] : [];
      })),
      runs,
    },
  };
}
