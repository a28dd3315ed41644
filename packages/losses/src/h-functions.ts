import * as tf from '@tensorflow/tfjs-core';
import { softplus } from './softplus.js';

/**
 * An h function of Sun, Fang & Schwing: a map applied elementwise to logits (separable family)
 * or to logit differences (relativistic-paired family). It must be built from differentiable
 * tfjs ops; it may leave intermediates to the caller's `tf.tidy` (the families call it inside
 * one).
 *
 * @example
 * ```ts
 * const squared: HFunction = (t) => tf.neg(tf.square(t)); // h(t) = −t²
 * ```
 */
export type HFunction = (t: tf.Tensor) => tf.Tensor;

/**
 * h(t) = log σ(t) = −log(1 + e^{−t}) = −softplus(−t): the JS-GAN and RS-GAN h. Computed with
 * the stable {@link softplus}, never as log(sigmoid(t)), which is −∞ below t ≈ −88 in float32.
 *
 * @example
 * ```ts
 * logSigmoid(tf.scalar(0));    // −log 2
 * logSigmoid(tf.scalar(-100)); // −100, exactly
 * ```
 * @see Sun, Fang, Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export const logSigmoid: HFunction = (t) => tf.tidy(() => tf.neg(softplus(tf.neg(t))));

/**
 * h(t) = −max(0, 1 − t) = min(0, t − 1): the h of the hinge and relativistic hinge losses, so
 * that −h(t) = max(0, 1 − t) is the hinge loss on margin t.
 *
 * @example
 * ```ts
 * negativeHinge(tf.tensor1d([2, 1, 0])); // [0, 0, −1]
 * ```
 * @see Lim and Ye, "Geometric GAN", 2017
 */
export const negativeHinge: HFunction = (t) => tf.tidy(() => tf.neg(tf.relu(tf.sub(1, t))));

/**
 * h(t) = t, the Wasserstein h, and g(t) = t, the generator objective of the hinge loss.
 *
 * @example
 * ```ts
 * separable({ name: 'wasserstein', h1: identity, h2: identity, generatorObjective: 'minimax' });
 * ```
 */
export const identity: HFunction = (t) => tf.clone(t);
