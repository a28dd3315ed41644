import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, SaddleError, type Params, type PerPlayer } from '@saddle/core';
import { gaussianRing } from '@saddle/datasets';
import { gradientPenalty, r1Penalty, r2Penalty, wasserstein, type Critic } from '@saddle/losses';
import { mlp } from '@saddle/models';
import { adam, alternating } from '@saddle/optimizers';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { ganGame, type DiscriminatorPenalty } from './gan-game.js';
import { train, type TrainOptions } from './train.js';

/** Each penalty as the game takes it, and the same penalty on explicit inputs, for the check. */
const PENALTIES: readonly (readonly [string, DiscriminatorPenalty])[] = [
  ['WGAN-GP', ({ critic, real, fake, rng }) => gradientPenalty({ critic, real, fake, rng, weight: 10 })],
  ['R1', ({ critic, real }) => r1Penalty({ critic, real, weight: 3 })],
  ['R2', ({ critic, fake }) => r2Penalty({ critic, fake, weight: 0.5 })],
];

describeWithBackends('ganGame with a discriminator penalty', ALL_BACKENDS, ({ tol }) => {
  // tanh nets: a penalty differentiates D twice (ADR 0008).
  const generator = mlp({ inputSize: 2, hiddenSizes: [6], outputSize: 2, activation: 'tanh' });
  const discriminator = mlp({ inputSize: 2, hiddenSizes: [5], outputSize: 1, activation: 'tanh' });
  const players = () => ({ generator: generator.init(createRng(1)).params, discriminator: discriminator.init(createRng(2)).params });
  const state = { generator: {}, discriminator: {} };
  const batch = () => ({
    real: tf.tensor2d([[1, 0.5], [-0.3, 2], [0.7, -1.2], [0, 0.1]]),
    latents: tf.tensor2d([[0.2, -1], [1.5, 0.3], [-0.8, 0.4], [0.1, 0.9]]),
    rng: createRng(5).fold('penalty').fold(0),
  });
  const plain = ganGame({ generator, discriminator, loss: wasserstein, latentSize: 2 });

  for (const [name, penalty] of PENALTIES) {
    it(`${name}: D's gradient and loss gain exactly the penalty's, computed through @saddle/losses; G's are unchanged`, async () => {
      const params = players();
      const { real, latents, rng } = batch();
      const penalised = ganGame({ generator, discriminator, loss: wasserstein, latentSize: 2, penalty });
      const base = plain.gradients({ real, latents }, state).gradFn(params);
      const withPenalty = penalised.gradients({ real, latents, rng }, state).gradFn(params);
      const onlyG = penalised.gradients({ real, latents, rng }, state).gradFn(params, { players: ['generator'] });
      // Ω and ∇_ψ Ω on their own: y = G(z) as a constant, f_ψ closing over ψ, the same rng.
      const independent = tf.tidy(() => {
        const fake = generator.apply(params.generator, {}, latents, { training: false }).output;
        const names = Object.keys(params.discriminator);
        const omega = (...psi: tf.Tensor[]): tf.Scalar => {
          const named: Params = Object.fromEntries(names.map((n, i) => [n, psi[i] as tf.Tensor]));
          const critic: Critic = (x) => discriminator.apply(named, {}, x as tf.Tensor2D, { training: true }).output;
          // + 0·Σψ: Ω does not depend on D's output bias, and tf.grads refuses an unconnected input.
          return tf.add(penalty({ critic, real, fake, rng }), tf.mul(0, tf.addN(psi.map((p) => tf.sum(p))))) as tf.Scalar;
        };
        const { value, grads } = tf.valueAndGrads(omega)(names.map((n) => params.discriminator[n] as tf.Tensor));
        return { value, grads: Object.fromEntries(names.map((n, i) => [n, grads[i] as tf.Tensor])) };
      });
      expect(await independent.value.data()).not.toEqual(new Float32Array([0]));
      for (const [key, grad] of Object.entries(independent.grads)) {
        const expected = tf.add(base.grads.discriminator[key]!, grad);
        await expectTensorClose(withPenalty.grads.discriminator[key]!, expected, tol);
        expected.dispose();
      }
      for (const [key, grad] of Object.entries(base.grads.generator)) await expectTensorClose(withPenalty.grads.generator[key]!, grad, tol);
      const expectedLossD = tf.add(base.losses.discriminator, independent.value);
      await expectTensorClose(withPenalty.losses.discriminator, expectedLossD, tol);
      await expectTensorClose(onlyG.losses.discriminator, expectedLossD, tol);
      await expectTensorClose(withPenalty.losses.generator, base.losses.generator, tol);
      disposeTree([params, real, latents, base, withPenalty, onlyG, independent, expectedLossD]);
    });
  }

  it('refuses a batch without the rng its penalty draws from, naming the field', () => {
    const game = ganGame({ generator, discriminator, loss: wasserstein, latentSize: 2, penalty: PENALTIES[0]![1] });
    const { real, latents } = batch();
    expect(() => game.gradients({ real, latents }, state)).toThrow(SaddleError);
    expect(() => game.gradients({ real, latents }, state)).toThrow(expect.objectContaining({ field: 'rng' }));
    tf.dispose([real, latents]);
  });

  it('trains a Wasserstein + WGAN-GP ring GAN: finite losses, samples move onto the ring, bit-identical per seed', async () => {
    const radius = 2;
    const game = ganGame({
      generator: mlp({ inputSize: 4, hiddenSizes: [32, 32], outputSize: 2, activation: 'tanh' }),
      discriminator: mlp({ inputSize: 2, hiddenSizes: [32, 32], outputSize: 1, activation: 'tanh' }),
      loss: wasserstein,
      latentSize: 4,
      penalty: PENALTIES[0]![1],
    });
    const player = () => adam({ learningRate: 5e-3, beta1: 0.5, beta2: 0.9 });
    const options: TrainOptions<tf.Tensor2D, unknown> = {
      game,
      optimizer: alternating({ generator: player(), discriminator: player() }) as TrainOptions<tf.Tensor2D, unknown>['optimizer'],
      data: gaussianRing({ modes: 8, radius, std: 0.05 }),
      batchSize: 64,
      steps: 150,
      rng: createRng(0),
    };
    // Mean distance |‖y‖ − r| of 512 samples to the circle of mode centres.
    const offRing = async (params: PerPlayer<Params>): Promise<number> => {
      const z = game.latents(createRng(9), 512);
      const y = game.generate(params, { generator: {}, discriminator: {} }, z);
      const distance = tf.tidy(() => tf.mean(tf.abs(tf.sub(tf.norm(y, 'euclidean', 1), radius))));
      const value = (await distance.data())[0] as number;
      tf.dispose([z, y, distance]);
      return value;
    };
    const initial = game.init(createRng(0).fold('init'));
    const before = await offRing(initial.params);
    const result = await train(options);
    const again = await train({ ...options, steps: 20 });
    const twice = await train({ ...options, steps: 20 });
    const after = await offRing(result.params);
    expect(Number.isFinite(result.last.lossD) && Number.isFinite(result.last.lossG)).toBe(true);
    expect(after, `mean |‖y‖ − r|: ${before.toFixed(3)} at init, ${after.toFixed(3)} after`).toBeLessThan(before / 3);
    const [a, b] = await Promise.all([again, twice].map((r) => Promise.all(Object.values(r.params.discriminator).map((t) => t.data()))));
    expect(a).toEqual(b);
    disposeTree([initial, result.params, result.state, again.params, again.state, twice.params, twice.state]);
  });
});
