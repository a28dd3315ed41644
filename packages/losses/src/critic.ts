import type * as tf from '@tensorflow/tfjs-core';

/**
 * The discriminator as a function of its input, for penalties on ∇_x f(x): samples [n, ...]
 * to logits [n] or [n, 1]. It closes over the discriminator's parameters, so a penalty built
 * inside the discriminator's gradient tape is differentiated with respect to them (double
 * backpropagation). It must treat samples independently (batch norm in training mode mixes
 * them, and the per-sample input gradient is then not f's gradient).
 *
 * Twice-differentiable critics: `@saddle/core` re-registers the gradients of tanh, sigmoid, exp,
 * elu, softmax and the comparisons (leakyRelu's mask) so that double backpropagation through
 * them is exact (ADR 0008). Still differentiable only once in tfjs 4.22: ops built with
 * `customGrad` (logSigmoid, logSoftmax, fused matMul/conv) and max pooling; avoid them in a
 * critic that a penalty differentiates.
 *
 * @example
 * ```ts
 * const critic: Critic = (x) => discriminator.apply(psi, state, x, { training: true }).output;
 * ```
 */
export type Critic = (inputs: tf.Tensor) => tf.Tensor;
