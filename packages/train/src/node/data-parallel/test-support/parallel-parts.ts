// Game factories the data-parallel tests hand to worker threads by module URL.
import { isMainThread } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type { GanLoss } from '@saddle/core';
import { nonSaturating, penaltyFromName } from '@saddle/losses';
import { dcgan, mlp } from '@saddle/models';
import { ganGame, type GanGame } from '../../../gan-game.js';

/** Options of the test games. */
export interface TestGameOptions {
  readonly hidden?: number;
  /** Workers build a wider discriminator than the main thread (a layout mismatch). */
  readonly mismatch?: boolean;
  /** Workers exit the thread when asked for gradients (a dying worker). */
  readonly exitInWorkers?: boolean;
  /** WGAN-GP's penalty on D (λ = 10), whose mixing weights come from the batch's rng. */
  readonly penalty?: boolean;
}

/** A small ring GAN: MLPs 4 → h → h → 2 and 2 → h → h → 1 (tanh), non-saturating loss. */
export function ringGame(options: TestGameOptions = {}): GanGame<tf.Tensor2D> {
  const hidden = options.hidden ?? 16;
  const inWorker = !isMainThread;
  const loss: GanLoss = options.exitInWorkers === true && inWorker
    ? { name: 'exit', discriminator: () => process.exit(7), generator: () => process.exit(7) }
    : nonSaturating;
  return ganGame({
    generator: mlp({ inputSize: 4, hiddenSizes: [hidden, hidden], outputSize: 2, activation: 'tanh' }),
    discriminator: mlp({ inputSize: 2, hiddenSizes: [options.mismatch === true && inWorker ? hidden + 1 : hidden, hidden], outputSize: 1, activation: 'tanh' }),
    loss,
    latentSize: 4,
    ...(options.penalty === true ? { penalty: penaltyFromName('wgan-gp', 10) } : {}),
  });
}

/** A DCGAN of width 2 on 32×32×3 images (batch norm in G and D), latent size 8. */
export function tinyDcgan(): GanGame<tf.Tensor4D> {
  const { generator, discriminator } = dcgan({ width: 2, latentSize: 8 });
  return ganGame({ generator, discriminator, loss: nonSaturating, latentSize: 8 });
}
