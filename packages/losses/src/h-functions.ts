import * as tf from '@tensorflow/tfjs-core';

/** An h function of Sun et al.: applied elementwise to logits (or logit differences). */
export type HFunction = (t: tf.Tensor) => tf.Tensor;

/**
 * h(t) = log σ(t) = −log(1 + e^{−t}) = −softplus(−t): the JS-GAN / RS-GAN h.
 * Written through softplus because log(sigmoid(t)) underflows to −∞ for t ≲ −88 in float32.
 *
 * @example
 * ```ts
 * logSigmoid(tf.scalar(0)); // −log 2
 * ```
 */
export const logSigmoid: HFunction = (t) => tf.tidy(() => tf.neg(tf.softplus(tf.neg(t))));
