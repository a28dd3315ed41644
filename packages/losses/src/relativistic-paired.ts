import * as tf from '@tensorflow/tfjs-core';
import type { GeneratorObjective } from './generator-objective.js';
import type { HFunction } from './h-functions.js';
import { checkFamilyOptions } from './internal/check-family.js';
import { checkPaired } from './internal/checks.js';
import { defineLoss, reduce } from './internal/define-loss.js';
import type { PerSampleGanLoss } from './reduction.js';

/**
 * The parts of a relativistic paired GAN loss.
 *
 * @example
 * ```ts
 * const options: RelativisticPairedOptions = { name: 'rs-gan', h: logSigmoid, generatorObjective: 'non-saturating' };
 * ```
 */
export interface RelativisticPairedOptions {
  /** The loss's name in logs and registries, e.g. `'rs-gan'`. */
  readonly name: string;
  /** h, applied to the paired logit differences f(x_i) − f(y_i). */
  readonly h: HFunction;
  /** How G is trained; see {@link GeneratorObjective}. */
  readonly generatorObjective: GeneratorObjective;
}

/**
 * The relativistic paired family (RpGAN) of Sun, Fang & Schwing: D maximizes
 *   φ_R(f) = mean_i h(f(x_i) − f(y_i)),
 * with x_i real, y_i = G(z_i) generated and f the discriminator's logit. Each player minimizes:
 *   L_D = −mean_i h(f(x_i) − f(y_i)),
 *   L_G = mean_i h(f(x_i) − f(y_i))  (minimax),  −mean_i h(f(y_i) − f(x_i))  (non-saturating),
 *         or −mean_i g(f(y_i) − f(x_i))  (a generator objective g).
 * **Pairing:** real sample i (row i of `realLogits`) is paired with generated sample i (row i
 * of `fakeLogits`), so the two batches must have the same size n; a mismatch is refused with a
 * `SaddleError` (`SHAPE_MISMATCH`, field `fakeLogits`). Shuffle the real batch, not the pairing.
 *
 * @example
 * ```ts
 * // A new loss in one line: RpGAN with h(t) = −(t − 1)².
 * const rpSquared = relativisticPaired({ name: 'rp-squared', h: (t) => tf.neg(tf.square(tf.sub(t, 1))), generatorObjective: 'non-saturating' });
 * const lossG = rpSquared.generator({ realLogits, fakeLogits }); // caller disposes
 * ```
 * @see Sun, Fang, Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function relativisticPaired(options: RelativisticPairedOptions): PerSampleGanLoss {
  const { name, h, generatorObjective } = options;
  checkFamilyOptions({ name, functions: { h }, generatorObjective });
  const why = 'each term is h(f(x_i) − f(y_i))';
  const generatorTerms = (real: tf.Tensor1D, fake: tf.Tensor1D): tf.Tensor => {
    if (generatorObjective === 'minimax') return h(tf.sub(real, fake));
    if (generatorObjective === 'non-saturating') return tf.neg(h(tf.sub(fake, real)));
    return tf.neg(generatorObjective(tf.sub(fake, real)));
  };
  return defineLoss(name, {
    discriminator: ({ real, fake }, reduction) => {
      checkPaired(real, fake, name, why);
      return reduce(tf.neg(h(tf.sub(real, fake))), reduction);
    },
    generator: ({ real, fake }, reduction) => {
      checkPaired(real, fake, name, why);
      return reduce(generatorTerms(real, fake), reduction);
    },
  });
}
