import { logSigmoid, negativeHinge } from './h-functions.js';
import type { PerSampleGanLoss } from './reduction.js';
import { relativisticPaired } from './relativistic-paired.js';

/**
 * RS-GAN, the relativistic standard GAN: relativistic paired with h = log σ and the
 * non-saturating generator, as in Sun et al.'s code (`rsgan.py`, `losstype='log'`):
 *   L_D = mean_i softplus(f(y_i) − f(x_i)),   L_G = mean_i softplus(f(x_i) − f(y_i)),
 * with softplus(u) = log(1 + e^u) and real sample i paired with generated sample i (equal
 * batch sizes). Its landscape has no bad basin: every Y reaches the global minimum h(0) = −log 2.
 *
 * @example
 * ```ts
 * const lossD = rsGan.discriminator({ realLogits, fakeLogits }); // both [n] or [n, 1], same n
 * ```
 * @see Sun, Fang, Schwing, "Towards a Better Global Loss Landscape of GANs", 2020;
 *   Jolicoeur-Martineau, "The relativistic discriminator: a key element missing from standard GAN", 2019
 */
export const rsGan: PerSampleGanLoss = relativisticPaired({ name: 'rs-gan', h: logSigmoid, generatorObjective: 'non-saturating' });

/**
 * The relativistic paired hinge loss (Sun et al.'s code, `losstype='hinge'`): h(t) = −max(0, 1 − t)
 * and the non-saturating generator,
 *   L_D = mean_i max(0, 1 + f(y_i) − f(x_i)),   L_G = mean_i max(0, 1 + f(x_i) − f(y_i)),
 * with real sample i paired with generated sample i (equal batch sizes).
 *
 * @example
 * ```ts
 * const lossG = rsHinge.generator({ realLogits, fakeLogits });
 * ```
 * @see Sun, Fang, Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export const rsHinge: PerSampleGanLoss = relativisticPaired({ name: 'rs-hinge', h: negativeHinge, generatorObjective: 'non-saturating' });
