// The benchmarked workloads, built from Saddle's public packages exactly as a user would train:
// a GanGame, an alternating Adam optimizer (one D move, then one G move) and the driver's
// disposal rule. tooling/reference/bench_torch.py builds the same workloads in PyTorch.
import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeReplaced, disposeTree } from '@saddle/core';
import { nonSaturating } from '@saddle/losses';
import { dcgan, mlp } from '@saddle/models';
import { adam, alternating } from '@saddle/optimizers';
import { ganGame } from '@saddle/train';
import { dataParallelGame } from '@saddle/train/node';

/** The shapes of each workload; bench_torch.py reads the same numbers from its command line. */
export const WORKLOADS = {
  dcgan: { batch: 64, imageSize: 32, latent: 100, width: 64, learningRate: 2e-4, beta1: 0.5 },
  mlp: { batch: 256, latent: 8, hidden: [64, 64], dataSize: 2, learningRate: 1e-3, beta1: 0.5 },
};

/**
 * A training loop for one game, one step per `step()` call, on fixed data (the data pipeline is
 * not what is measured). Each step reads both losses back, so the work is finished when it returns.
 */
function trainer(game, real, latentRng, batch, learningRate, beta1) {
  const player = () => adam({ learningRate, beta1, beta2: 0.999 });
  const optimizer = alternating({ generator: player(), discriminator: player() });
  let { params, state } = game.init(createRng(0).fold('init'));
  let optState = optimizer.init(params);
  let count = 0;
  return {
    step() {
      const latents = game.latents(latentRng.fold(count++), batch);
      const gradients = game.gradients({ real, latents }, state);
      const out = optimizer.step(gradients.gradFn, params, optState);
      const nextState = gradients.state();
      disposeReplaced([params, state, optState], [out.params, nextState, out.state]);
      latents.dispose();
      params = out.params;
      state = nextState;
      optState = out.state;
      const losses = [out.losses.discriminator.dataSync()[0], out.losses.generator.dataSync()[0]];
      disposeTree(out.losses);
      return losses;
    },
    async dispose() {
      disposeTree([params, state, optState, real]);
      await game.dispose?.();
    },
  };
}

/** The DCGAN game (G 4k/2k/k, D k/2k/4k with k = 64) on 32×32×3 images, non-saturating loss. */
export function dcganGame() {
  const { imageSize, latent, width } = WORKLOADS.dcgan;
  const { generator, discriminator } = dcgan({ width, imageSize, latentSize: latent });
  return ganGame({ generator, discriminator, loss: nonSaturating, latentSize: latent });
}

/**
 * One DCGAN training step with Adam(2e-4, β₁ 0.5). `batch` overrides the workload's batch size
 * (the profile's `--batch N`); with `workers`, the step is data-parallel across that many worker
 * threads (one wasm instance each), the batch split between them.
 */
export async function dcganStep({ batch = WORKLOADS.dcgan.batch, workers } = {}) {
  const { imageSize, learningRate, beta1 } = WORKLOADS.dcgan;
  const game = workers === undefined ? dcganGame() : await dataParallelGame({
    workers,
    game: { module: import.meta.url, export: 'dcganGame' },
    backend: { module: import.meta.resolve('@saddle/backend-wasm'), export: 'wasm' },
  });
  const rng = createRng(1);
  const real = tf.tidy(() => tf.tanh(rng.fold('real').normal([batch, imageSize, imageSize, 3])));
  return trainer(game, real, rng.fold('latents'), batch, learningRate, beta1);
}

/** The default ring GAN's MLPs (8 → 64 → 64 → 2 and 2 → 64 → 64 → 1, ReLU), batch 256. */
export async function mlpStep() {
  const { batch, latent, hidden, dataSize, learningRate, beta1 } = WORKLOADS.mlp;
  const game = ganGame({
    generator: mlp({ inputSize: latent, hiddenSizes: hidden, outputSize: dataSize }),
    discriminator: mlp({ inputSize: dataSize, hiddenSizes: hidden, outputSize: 1 }),
    loss: nonSaturating,
    latentSize: latent,
  });
  const rng = createRng(2);
  const real = rng.fold('real').normal([batch, dataSize]);
  return trainer(game, real, rng.fold('latents'), batch, learningRate, beta1);
}
