import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, SaddleError, type GameOptimizer, type GanLoss, type TensorTree } from '@saddle/core';
import { gaussianRing } from '@saddle/datasets';
import { nonSaturating } from '@saddle/losses';
import { mlp } from '@saddle/models';
import { adam, alternating, averaged, fictitiousPlay, simultaneous } from '@saddle/optimizers';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import type { TrainEvent } from './events.js';
import { ganGame } from './gan-game.js';
import { readCheckpoint } from './node/checkpoint.js';
import { checkpointStore } from './node/checkpoint-store.js';
import { train, type TrainOptions } from './train.js';

/** A tree with every tensor replaced by its values (structure and numbers kept). */
async function plain(tree: unknown): Promise<unknown> {
  if (tree instanceof tf.Tensor) return { shape: tree.shape, values: Array.from(await tree.data()) };
  if (Array.isArray(tree)) return Promise.all(tree.map(plain));
  if (typeof tree === 'object' && tree !== null) {
    return Object.fromEntries(await Promise.all(Object.entries(tree).map(async ([k, v]) => [k, await plain(v)])));
  }
  return tree;
}

function options(overrides: Partial<TrainOptions<tf.Tensor2D, unknown>> = {}): TrainOptions<tf.Tensor2D, unknown> {
  const players = { generator: adam({ learningRate: 1e-3, beta1: 0.5 }), discriminator: adam({ learningRate: 1e-3, beta1: 0.5 }) };
  return {
    game: ganGame({
      generator: mlp({ inputSize: 4, hiddenSizes: [16, 16], outputSize: 2, activation: 'tanh' }),
      discriminator: mlp({ inputSize: 2, hiddenSizes: [16, 16], outputSize: 1, activation: 'tanh' }),
      loss: nonSaturating,
      latentSize: 4,
    }),
    optimizer: simultaneous(players) as TrainOptions<tf.Tensor2D, unknown>['optimizer'],
    data: gaussianRing(),
    batchSize: 32,
    steps: 8,
    rng: createRng(7),
    ...overrides,
  };
}

async function values(params: Readonly<Record<string, Readonly<Record<string, tf.Tensor>>>>): Promise<number[][]> {
  return Promise.all(Object.values(params).flatMap((p) => Object.values(p).map(async (t) => Array.from(await t.data()))));
}

describeWithBackends('train', ALL_BACKENDS, () => {
  it('keeps the number of live tensors flat across steps', async () => {
    const counts: number[] = [];
    const result = await train(options({ steps: 12, logEvery: 1, onEvent: (e) => void (e.type === 'step' && counts.push(tf.memory().numTensors)) }));
    expect(counts).toHaveLength(12);
    // Adam's step count lives on the host, so even the first step leaves the count unchanged.
    expect(new Set(counts.slice(1)).size).toBe(1);
    disposeTree([result.params, result.state]);
  });

  it('gives bitwise-identical parameters for the same seed, and different ones for another', async () => {
    const a = await train(options());
    const b = await train(options());
    const c = await train(options({ rng: createRng(8) }));
    const [va, vb, vc] = await Promise.all([values(a.params), values(b.params), values(c.params)]);
    expect(va).toEqual(vb);
    expect(va).not.toEqual(vc);
    disposeTree([a.params, a.state, b.params, b.state, c.params, c.state]);
  });

  it('emits start, logged steps, evaluations, checkpoints and end in order', async () => {
    const events: TrainEvent[] = [];
    const players = { generator: adam({ learningRate: 1e-3 }), discriminator: adam({ learningRate: 1e-3 }) };
    const result = await train(
      options({
        steps: 6,
        logEvery: 2,
        optimizer: alternating(players, { discriminatorSteps: 2 }) as TrainOptions<tf.Tensor2D, unknown>['optimizer'],
        evaluate: { every: 3, run: (s) => ({ step: s.step, params: Object.keys(s.params.generator).length }) },
        checkpoint: { run: (s) => `memory:${s.step}` },
        onEvent: (e) => void events.push(e),
      }),
    );
    expect(events.map((e) => `${e.type}${'step' in e ? e.step : ''}`)).toEqual([
      'start', 'step2', 'evaluation3', 'step4', 'step6', 'evaluation6', 'checkpoint6', 'end',
    ]);
    const start = events[0] as Extract<TrainEvent, { type: 'start' }>;
    // G: 4·16+16 + 16·16+16 + 16·2+2 = 386; D: 2·16+16 + 16·16+16 + 16·1+1 = 337.
    expect(start.parameterCount).toEqual({ generator: 386, discriminator: 337 });
    const last = events.filter((e) => e.type === 'step').at(-1) as Extract<TrainEvent, { type: 'step' }>;
    // Alternating with two discriminator moves: three gradient evaluations per step.
    expect(last.gradientEvaluations).toBe(18);
    expect(last.stepsPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(last.lossD) && Number.isFinite(last.lossG)).toBe(true);
    expect(result.evaluation).toEqual({ step: 6, params: 6 });
    const { type: _, ...metrics } = last;
    expect(result.last).toEqual(metrics);
    disposeTree([result.params, result.state]);
  });

  it('resumes bit-identically: run 10 steps, or stop at the step-4 checkpoint and resume to 10', async () => {
    const root = await mkdtemp(join(tmpdir(), 'saddle-resume-'));
    // Optimizer state with everything a checkpoint must carry: Adam moments and host step
    // counts, an EMA of G, and a fictitious-play history that aliases earlier parameters.
    const optimizer = (): TrainOptions<tf.Tensor2D, unknown>['optimizer'] =>
      fictitiousPlay(
        averaged(alternating({ generator: adam({ learningRate: 1e-2, beta1: 0.5 }), discriminator: adam({ learningRate: 1e-2, beta1: 0.5 }) }), { average: { ema: 0.9 } }),
        { window: 3, rng: createRng(1) },
      ) as GameOptimizer<unknown>;
    const rng = createRng(11);
    const run = async (store: string, resumeFrom?: string) => {
      const checkpoints = checkpointStore(join(root, store), { keep: 5 });
      const resume = resumeFrom === undefined ? undefined : await readCheckpoint(resumeFrom);
      return train(options({
        steps: 10, rng, optimizer: optimizer(), resume,
        checkpoint: { every: 4, run: (snapshot) => checkpoints.save({ ...snapshot, rngKey: rng.key }) },
      }));
    };
    const whole = await run('whole');
    const resumed = await run('resumed', join(root, 'whole', 'step-000004'));
    expect(await plain([resumed.params, resumed.state])).toEqual(await plain([whole.params, whole.state]));
    const { stepsPerSecond: _a, ...lastWhole } = whole.last;
    const { stepsPerSecond: _b, ...lastResumed } = resumed.last;
    expect(lastResumed).toEqual(lastWhole);
    // The final checkpoints, optimizer state included, agree bit for bit too.
    const [a, b] = await Promise.all([readCheckpoint(join(root, 'whole', 'step-000010')), readCheckpoint(join(root, 'resumed', 'step-000010'))]);
    expect(await plain(b)).toEqual(await plain(a));
    disposeTree([whole.params, whole.state, resumed.params, resumed.state, a as unknown as TensorTree, b as unknown as TensorTree]);
    await rm(root, { recursive: true, force: true });
  });

  it('refuses to resume at or past the last step, before taking anything', async () => {
    const init = options().game.init(createRng(0));
    const resume = { step: 8, ...init, optimizerState: {} };
    await expect(train(options({ resume }))).rejects.toThrowError(/resume.step: cannot resume from step 8 of a 8-step run \(got 8\); pass steps greater than 8/);
    disposeTree(init);
  });

  it('stops on a NaN gradient or parameter at the step it appears, naming the player, tensor and last checkpoint', async () => {
    // An optimizer that turns one discriminator weight into +Inf after its third step.
    const inner = simultaneous({ generator: adam({ learningRate: 1e-3 }), discriminator: adam({ learningRate: 1e-3 }) });
    let steps = 0;
    const poisoned: GameOptimizer<unknown> = {
      name: 'poisoned',
      init: (params) => inner.init(params),
      step(gradFn, params, state) {
        const out = inner.step(gradFn, params, state as never);
        if (++steps < 3) return out;
        const bias = out.params.discriminator['dense1/bias'] as tf.Tensor;
        const discriminator = { ...out.params.discriminator, 'dense1/bias': tf.div(bias, 0) };
        bias.dispose();
        return { ...out, params: { ...out.params, discriminator } };
      },
    };
    const error = await train(options({ optimizer: poisoned, logEvery: 100, checkpoint: { every: 2, run: (s) => `memory:${s.step}` } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaddleError);
    expect((error as SaddleError).code).toBe('NON_FINITE');
    expect((error as SaddleError).message).toBe(
      "discriminator/dense1/bias: training diverged at step 3: the discriminator's parameter dense1/bias has NaN or ±Inf values; " +
        'last good checkpoint: memory:2 (got 3); resume from memory:2 with lower learning rates, or change the loss',
    );
  });

  it('stops with NON_FINITE on a non-finite loss and frees the players', async () => {
    const nan: GanLoss = {
      name: 'nan',
      discriminator: (input) => tf.tidy(() => tf.mul(nonSaturating.discriminator(input), NaN)),
      generator: (input) => nonSaturating.generator(input),
    };
    const game = ganGame({
      generator: mlp({ inputSize: 4, hiddenSizes: [8], outputSize: 2 }),
      discriminator: mlp({ inputSize: 2, hiddenSizes: [8], outputSize: 1 }),
      loss: nan,
      latentSize: 4,
    });
    // Checked every step, logged or not: L_D = NaN at the first gradient evaluation of step 1.
    const guarded = await train({ ...options(), game, logEvery: 5 }).catch((e: unknown) => e);
    expect(guarded).toBeInstanceOf(SaddleError);
    expect((guarded as SaddleError).code).toBe('NON_FINITE');
    expect((guarded as SaddleError).message).toMatch(
      /^discriminator\/L_D: training diverged at step 1: the discriminator's loss L_D has NaN or ±Inf values \(gradient evaluation 1 of the step\); last good checkpoint: none/,
    );
  });

  it('refuses bad counts before allocating', async () => {
    await expect(train(options({ steps: 0 }))).rejects.toThrowError(/steps: must be a positive integer \(got 0\)/);
    await expect(train(options({ logEvery: 1.5 }))).rejects.toThrowError(/logEvery: must be a positive integer/);
  });
});
