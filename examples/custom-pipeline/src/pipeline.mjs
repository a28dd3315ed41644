// RS-GAN on five Gaussians (papers §2.4) with extragradient, composed by hand: the data from
// @saddle/datasets, two MLPs from @saddle/models, the RS-GAN loss from @saddle/losses, ExtraAdam from
// @saddle/optimizers, the tree and memory helpers of @saddle/core. No @saddle/train: the loop below is
// the whole trainer.
import { createRng, disposeReplaced, disposeTree } from '@saddle/core';
import { fiveGaussians } from '@saddle/datasets';
import { rsGan } from '@saddle/losses';
import { mlp } from '@saddle/models';
import { adam, extragradient } from '@saddle/optimizers';
import { ganGradients } from './gan-gradients.mjs';
import { modeCoverage } from './mode-coverage.mjs';

/**
 * Trains for `steps` extragradient steps (two gradient evaluations each) and returns the mode coverage of
 * `samples` generated points, the last losses and a trace of coverage every `every` steps. `loss` and
 * `optimizer` (a learning rate → GradientTransformation) swap in pieces of your own (see custom-pieces.mjs).
 */
export async function trainFiveGaussians({
  steps = 2000, seed = 0, batchSize = 256, hidden = 64, learningRate = 5e-3, samples = 1000, every = 250, onProgress = () => {},
  loss = rsGan, optimizer = (lr) => adam({ learningRate: lr, beta1: 0.5, beta2: 0.9 }),
} = {}) {
  const rng = createRng(seed);
  const data = fiveGaussians({ seed });
  const generator = mlp({ inputSize: 2, hiddenSizes: [hidden, hidden], outputSize: 2 });
  const discriminator = mlp({ inputSize: 2, hiddenSizes: [hidden, hidden], outputSize: 1, activation: 'leakyRelu' });
  const game = extragradient({ generator: optimizer(learningRate), discriminator: optimizer(learningRate) });

  let params = { generator: generator.init(rng.fold('generator')).params, discriminator: discriminator.init(rng.fold('discriminator')).params };
  let state = game.init(params);
  const evaluate = async () => {
    const z = rng.fold('evaluation').normal([samples, 2]);
    const fake = generator.apply(params.generator, {}, z, { training: false }).output;
    const points = await fake.data();
    disposeTree([z, fake]);
    return { points, ...modeCoverage(points, data.centers, data.std) };
  };

  const trace = [];
  let losses = { generator: NaN, discriminator: NaN };
  let step = 0;
  const epochs = Math.ceil(steps / Math.floor((5 * 2000) / batchSize));
  for await (const real of data.batches({ batchSize, rng: rng.fold('data'), epochs })) {
    const latents = rng.fold('latents').fold(step).normal([batchSize, 2]);
    const out = game.step(ganGradients({ generator, discriminator, loss, real, latents }), params, state);
    step += 1;
    if (step % every === 0 || step === steps) {
      losses = { generator: (await out.losses.generator.data())[0], discriminator: (await out.losses.discriminator.data())[0] };
    }
    disposeTree([out.losses, real, latents]);
    disposeReplaced({ params, state }, { params: out.params, state: out.state });
    ({ params, state } = out);
    if (step % every === 0) {
      const { covered, highQuality } = await evaluate();
      trace.push({ step, covered, highQuality, ...losses });
      onProgress(trace.at(-1));
    }
    if (step === steps) break;
  }
  const result = { ...(await evaluate()), losses, trace, steps: step };
  disposeTree({ params, state });
  return result;
}
