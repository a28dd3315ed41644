import * as tf from '@tensorflow/tfjs-core';
import { checkPaired } from './internal/checks.js';
import { defineLoss } from './internal/define-loss.js';
import type { PerSampleGanLoss, Reduction } from './reduction.js';
import { softplus } from './softplus.js';

const NAME = 'relativistic-average';

/**
 * Terms softplus(−s·D̃(x_i)) + softplus(s·D̃(y_j)), s = +1 for D and −1 for G, averaged over each
 * batch (`'mean'`) or summed per pair (`'none'`).
 */
function relativeTerms(real: tf.Tensor1D, fake: tf.Tensor1D, sign: 1 | -1, reduction: Reduction): tf.Tensor {
  if (reduction === 'none') checkPaired(real, fake, NAME, "term i sums real sample i's and generated sample i's parts");
  const onReal = softplus(tf.mul(-sign, tf.sub(real, tf.mean(fake))));
  const onFake = softplus(tf.mul(sign, tf.sub(fake, tf.mean(real))));
  return reduction === 'mean' ? tf.add(tf.mean(onReal), tf.mean(onFake)) : tf.add(onReal, onFake);
}

/**
 * RaGAN (RaSGAN), the relativistic average standard GAN. Each sample is compared with the mean
 * logit of the other batch, D̃(x_i) = f(x_i) − mean_j f(y_j) and D̃(y_j) = f(y_j) − mean_i f(x_i):
 *   L_D = mean_i softplus(−D̃(x_i)) + mean_j softplus(D̃(y_j)),
 *   L_G = mean_i softplus(D̃(x_i)) + mean_j softplus(−D̃(y_j)),
 * i.e. −log σ(D̃(x)) − log(1 − σ(D̃(y))) for D and the same with real and generated swapped for
 * G. Gradients flow through both batch means. The batch sizes may differ, except for the
 * per-sample D and G losses (`reduction: 'none'`), whose term i sums real sample i's and
 * generated sample i's parts.
 *
 * @example
 * ```ts
 * const lossD = relativisticAverage.discriminator({ realLogits, fakeLogits });
 * ```
 * @see Jolicoeur-Martineau, "The relativistic discriminator: a key element missing from standard GAN", 2019
 */
export const relativisticAverage: PerSampleGanLoss = defineLoss(NAME, {
  discriminator: ({ real, fake }, reduction) => relativeTerms(real, fake, 1, reduction),
  generator: ({ real, fake }, reduction) => relativeTerms(real, fake, -1, reduction),
});
