import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, SaddleError, type GanLoss } from '@saddle/core';
import { gaussianRing } from '@saddle/datasets';
import { nonSaturating } from '@saddle/losses';
import { mlp } from '@saddle/models';
import { adam, alternating, simultaneous } from '@saddle/optimizers';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import type { TrainEvent } from './events.js';
import { ganGame } from './gan-game.js';
import { train, type TrainOptions } from './train.js';

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
    // Logged at once: the trainer's own guard sees L_D = NaN after step 1.
    const guarded = await train({ ...options(), game, logEvery: 1 }).catch((e: unknown) => e);
    expect(guarded).toBeInstanceOf(SaddleError);
    expect((guarded as SaddleError).code).toBe('NON_FINITE');
    expect((guarded as SaddleError).message).toMatch(/diverged at step 1: non-finite loss \(L_D NaN/);
    // Logged late: D's parameters turn NaN and the loss refuses NaN logits inside a step.
    const inStep = await train({ ...options(), game, logEvery: 5 }).catch((e: unknown) => e);
    expect((inStep as SaddleError).code).toBe('NON_FINITE');
  });

  it('refuses bad counts before allocating', async () => {
    await expect(train(options({ steps: 0 }))).rejects.toThrowError(/steps: must be a positive integer \(got 0\)/);
    await expect(train(options({ logEvery: 1.5 }))).rejects.toThrowError(/logEvery: must be a positive integer/);
  });
});
