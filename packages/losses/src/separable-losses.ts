import * as tf from '@tensorflow/tfjs-core';
import { identity, logSigmoid, negativeHinge, type HFunction } from './h-functions.js';
import type { PerSampleGanLoss } from './reduction.js';
import { separable } from './separable.js';

/**
 * JS-GAN, the original minimax GAN: separable with h1 = h2 = log σ, so with
 * softplus(u) = log(1 + e^u),
 *   L_D = mean_i softplus(−f(x_i)) + mean_j softplus(f(y_j)),   L_G = −mean_j softplus(f(y_j)).
 * The saturating generator; at the optimal D, L_D = 2 log 2 − 2·JS(P‖Q).
 *
 * @example
 * ```ts
 * const lossD = jsGan.discriminator({ realLogits, fakeLogits });
 * ```
 * @see Goodfellow et al., "Generative Adversarial Nets", 2014
 */
export const jsGan: PerSampleGanLoss = separable({ name: 'js-gan', h1: logSigmoid, h2: logSigmoid, generatorObjective: 'minimax' });

/**
 * JS-GAN with the non-saturating generator (the "JS-GAN" of most code, Sun et al.'s
 * `vanillaGAN.py` included):
 *   L_D = mean_i softplus(−f(x_i)) + mean_j softplus(f(y_j)),   L_G = mean_j softplus(−f(y_j)).
 *
 * @example
 * ```ts
 * const lossG = nonSaturating.generator({ realLogits, fakeLogits });
 * ```
 * @see Goodfellow et al., "Generative Adversarial Nets", 2014
 */
export const nonSaturating: PerSampleGanLoss = separable({
  name: 'non-saturating', h1: logSigmoid, h2: logSigmoid, generatorObjective: 'non-saturating',
});

/** h1(t) = −½(t − 1)²: least squares with target 1 on real data. */
const squaredToOne: HFunction = (t) => tf.tidy(() => tf.mul(-0.5, tf.square(tf.sub(t, 1))));
/** h2(s) = −½s², applied at s = −f(y): least squares with target 0 on generated data. */
const squaredToZero: HFunction = (t) => tf.tidy(() => tf.mul(-0.5, tf.square(t)));

/**
 * Least squares GAN with the 0-1 coding (a = 0 for generated, b = c = 1 for real):
 *   L_D = ½ mean_i (f(x_i) − 1)² + ½ mean_j f(y_j)²,   L_G = ½ mean_j (f(y_j) − 1)².
 * Separable with h1(t) = −½(t − 1)², h2(t) = −½t² and the non-saturating generator.
 *
 * @example
 * ```ts
 * const lossD = leastSquares.discriminator({ realLogits, fakeLogits });
 * ```
 * @see Mao et al., "Least Squares Generative Adversarial Networks", 2017
 */
export const leastSquares: PerSampleGanLoss = separable({
  name: 'least-squares', h1: squaredToOne, h2: squaredToZero, generatorObjective: 'non-saturating',
});

/**
 * The Wasserstein GAN critic loss (f is the critic):
 *   L_D = mean_j f(y_j) − mean_i f(x_i),   L_G = −mean_j f(y_j).
 * Separable with h1 = h2 = identity. f must be kept near 1-Lipschitz (weight clipping, or a
 * `gradientPenalty` added to L_D), or the critic's values grow without bound.
 *
 * @example
 * ```ts
 * const lossD = tf.add(wasserstein.discriminator(logits), gradientPenalty({ critic, real, fake, rng }));
 * ```
 * @see Arjovsky, Chintala, Bottou, "Wasserstein Generative Adversarial Networks", 2017
 */
export const wasserstein: PerSampleGanLoss = separable({ name: 'wasserstein', h1: identity, h2: identity, generatorObjective: 'minimax' });

/**
 * The hinge loss (SN-GAN, BigGAN):
 *   L_D = mean_i max(0, 1 − f(x_i)) + mean_j max(0, 1 + f(y_j)),   L_G = −mean_j f(y_j).
 * Separable with h1 = h2 = −max(0, 1 − t) and generator objective g(t) = t.
 *
 * @example
 * ```ts
 * const lossG = hinge.generator({ realLogits, fakeLogits });
 * ```
 * @see Lim and Ye, "Geometric GAN", 2017; Miyato et al., "Spectral Normalization for Generative Adversarial Networks", 2018
 */
export const hinge: PerSampleGanLoss = separable({ name: 'hinge', h1: negativeHinge, h2: negativeHinge, generatorObjective: identity });
