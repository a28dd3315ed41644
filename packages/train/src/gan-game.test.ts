import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, type Module, type Params } from '@saddle/core';
import { nonSaturating } from '@saddle/losses';
import { mlp } from '@saddle/models';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { ganGame } from './gan-game.js';

const sigmoid = (t: number): number => 1 / (1 + Math.exp(-t));
const softplus = (t: number): number => Math.log1p(Math.exp(t));

/** A module whose state counts its applications, to watch state being carried. */
function counting(inner: Module<tf.Tensor2D, tf.Tensor2D>): Module<tf.Tensor2D, tf.Tensor2D> {
  return {
    init: (rng) => ({ params: inner.init(rng).params, state: { count: tf.scalar(0) } }),
    apply: (params, state, input, options) => ({
      output: inner.apply(params, {}, input, options).output,
      state: { count: tf.add(state.count as tf.Tensor, 1) },
    }),
  };
}

describeWithBackends('ganGame', ALL_BACKENDS, ({ tol }) => {
  // Linear G(z) = zA + c and D(x) = x·w + b make both gradients closed forms (below).
  const game = ganGame({
    generator: mlp({ inputSize: 1, hiddenSizes: [], outputSize: 2 }),
    discriminator: mlp({ inputSize: 2, hiddenSizes: [], outputSize: 1 }),
    loss: nonSaturating,
    latentSize: 1,
  });
  const makeParams = () => ({
    generator: { 'dense0/kernel': tf.tensor2d([[0.5, -1]]), 'dense0/bias': tf.tensor1d([0.25, 0]) },
    discriminator: { 'dense0/kernel': tf.tensor2d([[1], [2]]), 'dense0/bias': tf.tensor1d([-0.5]) },
  });
  const state = { generator: {}, discriminator: {} };
  const realRows = [[1, 0], [0, -1]];
  const zs = [1, -2];
  const f = ([x, y]: number[]): number => (x as number) + 2 * (y as number) - 0.5;
  const fakeRows = zs.map((z) => [0.5 * z + 0.25, -z]);

  it("gives each player the gradient of its own loss w.r.t. its own parameters", async () => {
    const params = makeParams();
    const real = tf.tensor2d(realRows);
    const latents = tf.tensor2d(zs, [2, 1]);
    const { grads, losses } = game.gradients({ real, latents }, state).gradFn(params);
    // L_G = mean softplus(−f(y)), ∂L_G/∂c = mean(−σ(−f(y)))·w, ∂L_G/∂A = mean(−σ(−f(y))·z)·wᵀ.
    const gy = fakeRows.map((y) => -sigmoid(-f(y)));
    const meanG = (gy[0]! + gy[1]!) / 2;
    const meanGz = (gy[0]! * zs[0]! + gy[1]! * zs[1]!) / 2;
    await expectTensorClose(losses.generator, fakeRows.reduce((s, y) => s + softplus(-f(y)), 0) / 2, tol);
    await expectTensorClose(grads.generator['dense0/bias']!, [meanG * 1, meanG * 2], tol);
    await expectTensorClose(grads.generator['dense0/kernel']!, [meanGz * 1, meanGz * 2], tol);
    // L_D = mean softplus(−f(x)) + mean softplus(f(y)); ∂L_D/∂b = mean(−σ(−f(x))) + mean σ(f(y)).
    const lossD = realRows.reduce((s, x) => s + softplus(-f(x)), 0) / 2 + fakeRows.reduce((s, y) => s + softplus(f(y)), 0) / 2;
    const dReal = realRows.map((x) => -sigmoid(-f(x)) / 2);
    const dFake = fakeRows.map((y) => sigmoid(f(y)) / 2);
    const dw = [0, 1].map((j) => dReal.reduce((s, d, i) => s + d * realRows[i]![j]!, 0) + dFake.reduce((s, d, i) => s + d * fakeRows[i]![j]!, 0));
    await expectTensorClose(losses.discriminator, lossD, tol);
    await expectTensorClose(grads.discriminator['dense0/bias']!, [dReal[0]! + dReal[1]! + dFake[0]! + dFake[1]!], tol);
    await expectTensorClose(grads.discriminator['dense0/kernel']!, dw, tol);
    disposeTree([params, real, latents, grads, losses]);
  });

  it('computes only the requested player\'s gradient but always both losses', async () => {
    const params = makeParams();
    const real = tf.tensor2d(realRows);
    const latents = tf.tensor2d(zs, [2, 1]);
    const { gradFn } = game.gradients({ real, latents }, state);
    const both = gradFn(params);
    const onlyD = gradFn(params, { players: ['discriminator'] });
    const onlyG = gradFn(params, { players: ['generator'] });
    expect(Object.keys(onlyD.grads.generator)).toEqual([]);
    expect(Object.keys(onlyG.grads.discriminator)).toEqual([]);
    await expectTensorClose(onlyD.grads.discriminator['dense0/kernel']!, both.grads.discriminator['dense0/kernel']!, tol);
    await expectTensorClose(onlyG.grads.generator['dense0/kernel']!, both.grads.generator['dense0/kernel']!, tol);
    for (const out of [onlyD, onlyG]) {
      await expectTensorClose(out.losses.generator, both.losses.generator, tol);
      await expectTensorClose(out.losses.discriminator, both.losses.discriminator, tol);
    }
    disposeTree([params, real, latents, both, onlyD, onlyG]);
  });

  it('carries model state through every call and frees the states it replaced', async () => {
    const stateful = ganGame({
      generator: counting(mlp({ inputSize: 2, hiddenSizes: [4], outputSize: 2 })),
      discriminator: counting(mlp({ inputSize: 2, hiddenSizes: [4], outputSize: 1 })),
      loss: nonSaturating,
      latentSize: 2,
    });
    const init = stateful.init(createRng(0));
    const real = tf.ones([3, 2]) as tf.Tensor2D;
    const latents = stateful.latents(createRng(1), 3);
    const gradients = stateful.gradients({ real, latents }, init.state);
    const before = tf.memory().numTensors;
    for (const players of [['discriminator'], ['generator'], undefined] as const) {
      const out = gradients.gradFn(init.params, players && { players });
      disposeTree(out);
    }
    // Three calls: G ran once per call, D twice (real, then fake); only the last state is alive.
    const last = gradients.state();
    await expectTensorClose(last.generator.count!, 3, tol);
    await expectTensorClose(last.discriminator.count!, 6, tol);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect((init.state.generator.count as tf.Tensor).isDisposed).toBe(false);
    disposeTree([init, real, latents, last as unknown as Params]);
  });

  it('samples G in inference mode and draws latents of the declared size', async () => {
    const params = makeParams();
    const z = game.latents(createRng(3), 5);
    expect(z.shape).toEqual([5, 1]);
    const y = game.generate(params, state, z);
    expect(y.shape).toEqual([5, 2]);
    const zs5 = await z.data();
    await expectTensorClose(y, Array.from(zs5).flatMap((v) => [0.5 * v + 0.25, -v]), tol);
    disposeTree([params, z, y]);
  });

  it('refuses a bad latent size', () => {
    const generator = mlp({ inputSize: 1, hiddenSizes: [], outputSize: 2 });
    const discriminator = mlp({ inputSize: 2, hiddenSizes: [], outputSize: 1 });
    expect(() => ganGame({ generator, discriminator, loss: nonSaturating, latentSize: 0 })).toThrowError(
      /latentSize: latent size must be an integer/,
    );
  });
});
