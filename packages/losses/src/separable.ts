import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type GanLoss, type LogitPair } from '@saddle/core';
import type { HFunction } from './h-functions.js';

/** How the generator of a separable GAN is trained. */
export type GeneratorObjective = 'minimax' | 'non-saturating';

/** The parts of a separable GAN loss. */
export interface SeparableOptions {
  readonly name: string;
  /** h1, applied to real logits f(x). */
  readonly h1: HFunction;
  /** h2, applied to negated fake logits −f(y). */
  readonly h2: HFunction;
  /** `minimax` (G minimizes φ) or `non-saturating` (G minimizes −mean h1(f(y))). */
  readonly generatorObjective: GeneratorObjective;
}

/**
 * A separable GAN (SepGAN, Sun, Fang & Schwing 2020 eq. for φ_SP). The discriminator maximizes
 * φ(f) = mean_i h1(f(x_i)) + mean_i h2(−f(y_i)), so its loss (minimized) is
 *   L_D = −mean_i h1(f(x_i)) − mean_i h2(−f(y_i)).
 * The generator minimizes L_G = mean_i h2(−f(y_i)) (minimax) or L_G = −mean_i h1(f(y_i))
 * (non-saturating, Goodfellow et al. 2014). Means are over the batch; [n] and [n, 1] logits
 * are both accepted.
 *
 * @example
 * ```ts
 * const jsGan = separable({ name: 'js-gan', h1: logSigmoid, h2: logSigmoid, generatorObjective: 'minimax' });
 * ```
 * @see Sun, Fang, Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function separable(options: SeparableOptions): GanLoss {
  const { name, h1, h2, generatorObjective } = options;
  return {
    name,
    discriminator: (input) =>
      tf.tidy(() => {
        const { real, fake } = flatLogits(input);
        return tf.neg(tf.add(tf.mean(h1(real)), tf.mean(h2(tf.neg(fake))))) as tf.Scalar;
      }),
    generator: (input) =>
      tf.tidy(() => {
        const { fake } = flatLogits(input);
        return (generatorObjective === 'minimax' ? tf.mean(h2(tf.neg(fake))) : tf.neg(tf.mean(h1(fake)))) as tf.Scalar;
      }),
  };
}

/** Logits as [n] vectors; refuses shapes that would broadcast silently. */
export function flatLogits({ realLogits, fakeLogits }: LogitPair): { real: tf.Tensor1D; fake: tf.Tensor1D } {
  return { real: asVector(realLogits, 'realLogits'), fake: asVector(fakeLogits, 'fakeLogits') };
}

function asVector(logits: tf.Tensor, field: string): tf.Tensor1D {
  const ok = logits.rank === 1 || (logits.rank === 2 && logits.shape[1] === 1);
  if (!ok || logits.size === 0) {
    throw new SaddleError('logits must be a non-empty [n] or [n, 1] tensor', {
      code: 'SHAPE_MISMATCH', field, value: logits.shape, fix: 'pass one logit per sample',
    });
  }
  return tf.reshape(logits, [-1]);
}
