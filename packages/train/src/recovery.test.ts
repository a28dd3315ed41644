import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, SaddleError, type GameOptimizer, type GradientTransformation, type Params } from '@saddle/core';
import { gaussianRing } from '@saddle/datasets';
import { nonSaturating } from '@saddle/losses';
import { mlp } from '@saddle/models';
import { adam, alternating, simultaneous } from '@saddle/optimizers';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RollbackEvent, TrainEvent } from './events.js';
import { ganGame } from './gan-game.js';
import { readCheckpoint } from './node/checkpoint.js';
import { checkpointStore, type CheckpointStore } from './node/checkpoint-store.js';
import { train, type DivergenceRecovery, type TrainOptions } from './train.js';

type Options = TrainOptions<tf.Tensor2D, unknown>;

/** Adam whose updates become ±Inf from its `from`-th call on (when `from` is finite). */
function poisonedAdam(learningRate: number, from: number): GradientTransformation {
  const inner = adam({ learningRate, beta1: 0.5 });
  let calls = 0;
  return {
    init: (params) => inner.init(params),
    update(updates, state, params) {
      const out = inner.update(updates, state, params);
      if (++calls < from) return out;
      const poisoned: Params = Object.fromEntries(Object.entries(out.updates).map(([k, u]) => [k, tf.mul(u, Infinity)]));
      tf.dispose(Object.values(out.updates));
      return { updates: poisoned, state: out.state };
    },
  };
}

/**
 * The game optimizer at learning-rate scale `scale`; at scale 1 the discriminator's updates
 * turn to ±Inf from its `poisonFrom`-th move (a run that diverges at full rate only).
 */
function optimizerAt(method: 'simultaneous' | 'alternating', poisonFrom: number, scale: number): GameOptimizer<unknown> {
  const lr = 1e-3 * scale;
  const players = { generator: adam({ learningRate: lr, beta1: 0.5 }), discriminator: poisonedAdam(lr, scale === 1 ? poisonFrom : Infinity) };
  return (method === 'simultaneous' ? simultaneous(players) : alternating(players)) as GameOptimizer<unknown>;
}

function options(overrides: Partial<Options> = {}): Options {
  return {
    game: ganGame({
      generator: mlp({ inputSize: 4, hiddenSizes: [8], outputSize: 2, activation: 'tanh' }),
      discriminator: mlp({ inputSize: 2, hiddenSizes: [8], outputSize: 1, activation: 'tanh' }),
      loss: nonSaturating,
      latentSize: 4,
    }),
    optimizer: optimizerAt('simultaneous', Infinity, 1),
    data: gaussianRing(),
    batchSize: 16,
    steps: 8,
    rng: createRng(3),
    ...overrides,
  };
}

async function values(params: Readonly<Record<string, Readonly<Record<string, tf.Tensor>>>>): Promise<number[][]> {
  return Promise.all(Object.values(params).flatMap((p) => Object.values(p).map(async (t) => Array.from(await t.data()))));
}

describeWithBackends('train: divergence recovery', ALL_BACKENDS, () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'saddle-recovery-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const recovering = (store: CheckpointStore, method: 'simultaneous' | 'alternating', poisonFrom: number, maxRetries = 3): Partial<Options> => {
    const rng = createRng(3);
    const recovery: DivergenceRecovery<unknown> = { maxRetries, factor: 0.5, optimizer: (scale) => optimizerAt(method, poisonFrom, scale), restore: () => store.latest() };
    return {
      rng, recovery,
      optimizer: optimizerAt(method, poisonFrom, 1),
      checkpoint: { every: 2, run: (snapshot) => store.save({ ...snapshot, rngKey: rng.key }) },
    };
  };

  for (const method of ['simultaneous', 'alternating'] as const) {
    it(`rolls back to the last checkpoint and continues at half the rate, exactly as a resume from it would [${method}]`, async () => {
      const store = checkpointStore(join(root, 'rolled'), { keep: 10 });
      const events: TrainEvent[] = [];
      // The discriminator's third move is poisoned: step 3 diverges, the step-2 checkpoint is good.
      const rolled = await train(options({ ...recovering(store, method, 3), onEvent: (e) => void events.push(e) }));
      const rollbacks = events.filter((e): e is RollbackEvent => e.type === 'rollback');
      expect(rollbacks).toHaveLength(1);
      const [rollback] = rollbacks;
      expect(rollback).toMatchObject({ step: 3, toStep: 2, rollbacks: 1, learningRateScale: 0.5 });
      expect(rollback!.from).toMatch(/step-000002$/);
      // Simultaneous: the guard finds Inf parameters after the step. Alternating: G's move then
      // sees D's Inf logits and the loss refuses them in the middle of the step.
      expect(rollback!.reason).toMatch(method === 'simultaneous'
        ? /^the discriminator's parameter dense\d\/(kernel|bias) has NaN or ±Inf values$/
        : /^a loss refused its input: .*(NaN|Infinity|infinite)/);
      expect(events.map((e) => e.type)).toEqual(['start', 'checkpoint', 'rollback', 'checkpoint', 'checkpoint', 'step', 'checkpoint', 'end']);
      // The final step-8 checkpoint records the rollback, so a resume keeps the lower rates.
      const final = await readCheckpoint(join(store.path, 'step-000008'));
      expect(final.rollbacks).toBe(1);
      disposeTree([final.params, final.state, final.optimizerState]);

      // The same as resuming from the step-2 checkpoint with the rates halved.
      const start = await readCheckpoint(join(store.path, 'step-000002'));
      const other = checkpointStore(join(root, 'resumed'), { keep: 10 });
      const resumed = await train(options({ ...recovering(other, method, 3), resume: { ...start, rollbacks: 1 } }));
      expect(await values(resumed.params)).toEqual(await values(rolled.params));
      disposeTree([rolled.params, rolled.state, resumed.params, resumed.state]);
    });
  }

  it('stops after maxRetries rollbacks, naming the step, the rollbacks and what to try', async () => {
    const events: TrainEvent[] = [];
    // Poisoned at every rate; no checkpoint hook, so each rollback restarts from the initial players.
    const recovery: DivergenceRecovery<unknown> = {
      maxRetries: 2, optimizer: () => optimizerAt('simultaneous', 1, 1), restore: () => Promise.resolve(undefined),
    };
    const error = await train(options({ optimizer: optimizerAt('simultaneous', 1, 1), recovery, onEvent: (e) => void events.push(e) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaddleError);
    expect((error as SaddleError).code).toBe('NON_FINITE');
    expect((error as SaddleError).message).toMatch(
      /^discriminator\/dense\d\/(kernel|bias): training diverged at step 1 after 2 rollbacks with lower learning rates: .* has NaN or ±Inf values; last good checkpoint: none \(got 1\); lower the learning rates, allow more rollbacks \(divergence.maxRetries\) or a smaller divergence.factor, or change the loss$/,
    );
    const rollbacks = events.filter((e): e is RollbackEvent => e.type === 'rollback');
    expect(rollbacks.map((e) => [e.from, e.toStep, e.learningRateScale])).toEqual([['init', 0, 0.5], ['init', 0, 0.25]]);
  });

  it('treats a loss beyond lossLimit as a divergence', async () => {
    // The non-saturating losses start near 2·log 2 ≈ 1.39 and −log ½ ≈ 0.69.
    const error = await train(options({ lossLimit: 0.1 })).catch((e: unknown) => e);
    expect((error as SaddleError).message).toMatch(/^(discriminator\/L_D|generator\/L_G): training diverged at step 1: the (discriminator|generator)'s loss L_[DG] exploded to [\d.]+ \(\|L\| > 0.1\) \(gradient evaluation 1 of the step\); last good checkpoint: none/);
    const fine = await train(options({ lossLimit: 100, steps: 2 }));
    disposeTree([fine.params, fine.state]);
  });

  it('refuses bad recovery options and a rolled-back checkpoint without recovery', async () => {
    const optimizer = optimizerAt('simultaneous', Infinity, 1);
    const recovery = (over: Partial<DivergenceRecovery<unknown>>): DivergenceRecovery<unknown> => ({ maxRetries: 1, optimizer: () => optimizer, restore: () => Promise.resolve(undefined), ...over });
    await expect(train(options({ recovery: recovery({ factor: 1 }) }))).rejects.toThrowError(/recovery.factor: out of range \(got 1\); pass a number in \(0, 1\)/);
    await expect(train(options({ recovery: recovery({ maxRetries: -1 }) }))).rejects.toThrowError(/recovery.maxRetries: out of range \(got -1\)/);
    await expect(train(options({ lossLimit: 0 }))).rejects.toThrowError(/lossLimit: out of range \(got 0\)/);
    const init = options().game.init(createRng(0));
    const optimizerState = optimizer.init(init.params);
    await expect(train(options({ resume: { step: 2, ...init, optimizerState, rollbacks: 1 } }))).rejects.toThrowError(
      /recovery: the checkpoint was taken after 1 divergence rollbacks, with lower learning rates \(got 1\); pass the recovery options/,
    );
    disposeTree([init, optimizerState as tf.TensorContainer]);
  });
});
