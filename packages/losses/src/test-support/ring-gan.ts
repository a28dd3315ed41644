import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeReplaced, disposeTree, type GanLoss, type LogitPair, type Params } from '@saddle/core';
import { gaussianRing } from '@saddle/datasets';
import { modeCoverage, type ModeCoverage } from '@saddle/metrics';
import { mlp } from '@saddle/models';
import { adam, initPlayers, movePlayer } from '@saddle/optimizers';
import type { Critic } from '../critic.js';

/**
 * The ring GAN of the foundation issue (a Gaussian ring, MLP players, Adam with β1 = 0.5,
 * alternating D-then-G steps), shrunk to run in one to two seconds per loss on one core: 4
 * modes of σ = 0.2 on a radius-2 circle (modes 2.83 apart, capture radius 3σ = 0.6), nets of
 * two hidden layers of 32, batch 64, 250 steps. One setup and one optimizer for every loss; only
 * the loss changes. (The 8-mode ring needs about 1,000 steps of these nets, too slow for a test
 * run twice per loss; a 4-mode ring at σ = 0.1 needs about 300 steps of batch 128.)
 */
export const RING_SETUP = {
  modes: 4,
  radius: 2,
  std: 0.2,
  latentSize: 4,
  hidden: [32, 32],
  batchSize: 64,
  steps: 250,
  learningRate: 5e-3,
  beta1: 0.5,
  evalSamples: 1000,
  seed: 2,
} as const;

/** A penalty added to the discriminator's loss, e.g. R1. */
export type DiscriminatorPenalty = (input: { critic: Critic; real: tf.Tensor2D; fake: tf.Tensor2D }) => tf.Tensor;

/** What may change between runs besides the loss. */
export interface RingOptions {
  readonly penalty?: DiscriminatorPenalty;
}

function valueAndGradsOf(params: Params, f: (p: Params) => tf.Scalar): Params {
  const names = Object.keys(params);
  const { grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => f(Object.fromEntries(names.map((n, i) => [n, xs[i] as tf.Tensor]))))(
    names.map((n) => params[n] as tf.Tensor),
  );
  return Object.fromEntries(names.map((n, i) => [n, grads[i] as tf.Tensor]));
}

/**
 * Trains the ring GAN with `loss` (plus `options.penalty` on D's loss) and measures mode
 * coverage of 1,000 samples on fresh latents. Each step draws a real batch x and latents z, moves
 * D on L_D(f(x), f(G(z))), then moves G on L_G at the new D (alternating GDA), each with its own
 * Adam.
 */
export async function trainRingGan(loss: GanLoss, options: RingOptions = {}, setup = RING_SETUP): Promise<ModeCoverage> {
  const { penalty } = options;
  const rng = createRng(setup.seed);
  const ring = gaussianRing({ modes: setup.modes, radius: setup.radius, std: setup.std });
  const generator = mlp({ inputSize: setup.latentSize, hiddenSizes: setup.hidden, outputSize: 2, activation: 'leakyRelu' });
  const discriminator = mlp({ inputSize: 2, hiddenSizes: setup.hidden, outputSize: 1, activation: 'leakyRelu' });
  const player = adam({ learningRate: setup.learningRate, beta1: setup.beta1 });
  const players = { generator: player, discriminator: player };
  let params = {
    generator: generator.init(rng.fold('generator')).params,
    discriminator: discriminator.init(rng.fold('discriminator')).params,
  };
  let states = initPlayers(players, params);
  const G = (theta: Params, z: tf.Tensor2D) => generator.apply(theta, {}, z, { training: true }).output;
  const D = (psi: Params, x: tf.Tensor2D) => discriminator.apply(psi, {}, x, { training: true }).output;
  const logits = (psi: Params, real: tf.Tensor2D, fake: tf.Tensor2D): LogitPair => {
    const both = D(psi, tf.concat([real, fake]));
    return { realLogits: tf.slice(both, 0, real.shape[0]), fakeLogits: tf.slice(both, real.shape[0]) };
  };
  const batches = ring.batches({ batchSize: setup.batchSize, rng: rng.fold('data') })[Symbol.asyncIterator]();

  for (let step = 0; step < setup.steps; step++) {
    const real = (await batches.next()).value as tf.Tensor2D;
    const z = rng.fold('latents').fold(step).normal([setup.batchSize, setup.latentSize]) as tf.Tensor2D;
    const moved = tf.tidy(() => {
      const fake = G(params.generator, z);
      const gradsD = valueAndGradsOf(params.discriminator, (psi) => {
        const lossD = loss.discriminator(logits(psi, real, fake));
        if (penalty === undefined) return lossD;
        const critic: Critic = (x) => D(psi, x as tf.Tensor2D);
        return tf.add(lossD, penalty({ critic, real, fake })) as tf.Scalar;
      });
      const d = movePlayer(players.discriminator, gradsD, params.discriminator, states.discriminator);
      // G's move needs no gradient through D on the real batch: D runs on it outside the tape.
      const realLogits = D(d.params, real);
      const gradsG = valueAndGradsOf(params.generator, (theta) => loss.generator({ realLogits, fakeLogits: D(d.params, G(theta, z)) }));
      const g = movePlayer(players.generator, gradsG, params.generator, states.generator);
      return { params: { generator: g.params, discriminator: d.params }, states: { generator: g.state, discriminator: d.state } };
    });
    disposeReplaced([params, states], [moved.params, moved.states]);
    disposeTree([real, z]);
    params = moved.params;
    states = moved.states;
  }
  await batches.return?.();

  const samples = tf.tidy(() => G(params.generator, rng.fold('evaluation').normal([setup.evalSamples, setup.latentSize]) as tf.Tensor2D));
  const coverage = modeCoverage(await samples.data(), ring.centers, { std: setup.std });
  disposeTree([samples, params, states]);
  return coverage;
}
