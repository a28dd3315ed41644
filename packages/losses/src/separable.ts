import * as tf from '@tensorflow/tfjs-core';
import type { GeneratorObjective } from './generator-objective.js';
import type { HFunction } from './h-functions.js';
import { checkFamilyOptions } from './internal/check-family.js';
import { checkPaired } from './internal/checks.js';
import { defineLoss, reduce } from './internal/define-loss.js';
import type { PerSampleGanLoss } from './reduction.js';

/**
 * The parts of a separable GAN loss.
 *
 * @example
 * ```ts
 * const options: SeparableOptions = { name: 'js-gan', h1: logSigmoid, h2: logSigmoid, generatorObjective: 'minimax' };
 * ```
 */
export interface SeparableOptions {
  /** The loss's name in logs and registries, e.g. `'js-gan'`. */
  readonly name: string;
  /** h1, applied to real logits f(x_i). */
  readonly h1: HFunction;
  /** h2, applied to negated generated logits −f(y_i). */
  readonly h2: HFunction;
  /** How G is trained; see {@link GeneratorObjective}. */
  readonly generatorObjective: GeneratorObjective;
}

/**
 * The separable family (SepGAN) of Sun, Fang & Schwing: D maximizes
 *   φ_SP(f) = mean_i h1(f(x_i)) + mean_j h2(−f(y_j)),
 * with x_i real, y_j = G(z_j) generated and f the discriminator's logit. Each player minimizes:
 *   L_D = −mean_i h1(f(x_i)) − mean_j h2(−f(y_j)),
 *   L_G = mean_j h2(−f(y_j))  (minimax),  −mean_j h1(f(y_j))  (non-saturating),
 *         or −mean_j g(f(y_j))  (a generator objective g).
 * (The paper writes φ_SP with a 1/2n factor; the code of Sun et al. and most GAN code use the
 * sum of the two means, as here.) Means are over each batch, so the batch sizes may differ,
 * except for the per-sample D loss (`reduction: 'none'`), ℓ_i = −h1(f(x_i)) − h2(−f(y_i)),
 * which pairs real sample i with generated sample i.
 *
 * @example
 * ```ts
 * // A new loss in one line: h1(t) = h2(t) = −e^{−t}.
 * const expLoss = separable({ name: 'exp', h1: (t) => tf.neg(tf.exp(tf.neg(t))), h2: (t) => tf.neg(tf.exp(tf.neg(t))), generatorObjective: 'non-saturating' });
 * const lossD = expLoss.discriminator({ realLogits, fakeLogits }); // caller disposes
 * ```
 * @see Sun, Fang, Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function separable(options: SeparableOptions): PerSampleGanLoss {
  const { name, h1, h2, generatorObjective } = options;
  checkFamilyOptions({ name, functions: { h1, h2 }, generatorObjective });
  const generatorTerms = (fake: tf.Tensor1D): tf.Tensor => {
    if (generatorObjective === 'minimax') return h2(tf.neg(fake));
    if (generatorObjective === 'non-saturating') return tf.neg(h1(fake));
    return tf.neg(generatorObjective(fake));
  };
  return defineLoss(name, {
    discriminator: ({ real, fake }, reduction) => {
      if (reduction === 'mean') return tf.neg(tf.add(tf.mean(h1(real)), tf.mean(h2(tf.neg(fake)))));
      checkPaired(real, fake, name, "the per-sample D loss of a separable loss sums sample i's real and generated terms");
      return tf.neg(tf.add(h1(real), h2(tf.neg(fake))));
    },
    generator: ({ fake }, reduction) => reduce(generatorTerms(fake), reduction),
  });
}
