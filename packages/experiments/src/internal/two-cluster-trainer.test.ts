import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeReplaced, disposeTree, type GanLoss, type Params, type PerPlayer } from '@saddle/core';
import { twoCluster } from '@saddle/datasets';
import { nonSaturating, rsGan } from '@saddle/losses';
import { mlp } from '@saddle/models';
import { alternating, momentum } from '@saddle/optimizers';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { ganGame } from '@saddle/train';
import { expect, it } from 'vitest';
import { hostMlpFromModels } from './two-cluster-init.js';
import { trainTwoCluster } from './two-cluster-trainer.js';

/** `GAN2_2Cluster.py`'s JS-GAN: the D loss halved, the non-saturating G loss as it is. */
const halvedJs: GanLoss = {
  name: 'js-gan-halved',
  discriminator: (logits) => tf.tidy(() => tf.mul(0.5, nonSaturating.discriminator(logits)) as tf.Scalar),
  generator: (logits) => nonSaturating.generator(logits),
};

const EPOCHS = 3;
const STEPS = 3;

/**
 * The host trainer against the library path it stands in for (ganGame + alternating momentum
 * SGD + the losses of @saddle/losses + mlp of @saddle/models): same start, same data, same
 * schedule, so the generated points must agree to float32 precision.
 */
describeWithBackends('two-cluster host trainer', ALL_BACKENDS, () => {
  for (const loss of ['js', 'rs'] as const) {
    it(`matches ganGame + alternating momentum SGD for ${loss.toUpperCase()}-GAN`, async () => {
      const data = twoCluster({ seed: 3 });
      const rng = createRng(3);
      const gSizes = [1, 5, 5, 1];
      const dSizes = [1, 10, 10, 1];
      const host = trainTwoCluster({
        loss, points: data.points, latents: data.latents,
        generator: await hostMlpFromModels(gSizes, 'tanh', rng.fold('generator')),
        discriminator: await hostMlpFromModels(dSizes, 'sigmoid', rng.fold('discriminator')),
        epochs: EPOCHS, discriminatorSteps: STEPS, generatorSteps: STEPS, learningRate: 0.05, momentum: 0.9,
        logEvery: 1, centers: [0, 4], halfWindow: 0.36,
      });

      const game = ganGame({
        generator: mlp({ inputSize: 1, hiddenSizes: [5, 5], outputSize: 1, activation: 'tanh' }),
        discriminator: mlp({ inputSize: 1, hiddenSizes: [10, 10], outputSize: 1, activation: 'sigmoid' }),
        loss: loss === 'js' ? halvedJs : rsGan,
        latentSize: 1,
      });
      const sgdMomentum = () => momentum({ learningRate: 0.05, momentum: 0.9 });
      const optimizer = alternating({ generator: sgdMomentum(), discriminator: sgdMomentum() }, { discriminatorSteps: STEPS, generatorSteps: STEPS });
      const g = mlp({ inputSize: 1, hiddenSizes: [5, 5], outputSize: 1, activation: 'tanh' }).init(rng.fold('generator'));
      const d = mlp({ inputSize: 1, hiddenSizes: [10, 10], outputSize: 1, activation: 'sigmoid' }).init(rng.fold('discriminator'));
      let params: PerPlayer<Params> = { generator: g.params, discriminator: d.params };
      let state = optimizer.init(params);
      const real = tf.tensor2d(Float32Array.from(data.points), [data.points.length, 1]);
      const latents = tf.tensor2d(Float32Array.from(data.latents), [data.latents.length, 1]);
      for (let epoch = 0; epoch < EPOCHS; epoch++) {
        const out = optimizer.step(game.gradients({ real, latents }, { generator: {}, discriminator: {} }).gradFn, params, state);
        disposeTree(out.losses);
        disposeReplaced({ params, state }, { params: out.params, state: out.state });
        ({ params, state } = out);
      }
      const generated = game.generate(params, { generator: {}, discriminator: {} }, latents);
      const library = Array.from(await generated.data());
      disposeTree([params, state, real, latents, generated]);

      const moved = Math.max(...host.final) - Math.min(...host.final);
      expect(moved).toBeGreaterThan(1e-3); // the points differ from one another: the comparison is not of constants
      const worst = Math.max(...host.final.map((y, i) => Math.abs(y - (library[i] as number))));
      expect(worst).toBeLessThan(1e-4);
    });
  }
});
