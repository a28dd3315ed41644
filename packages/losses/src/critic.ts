import type * as tf from '@tensorflow/tfjs-core';

/**
 * The discriminator as a function of its input, for penalties on ∇_x f(x): samples [n, ...]
 * to logits [n] or [n, 1]. It closes over the discriminator's parameters, so a penalty built
 * inside the discriminator's gradient tape is differentiated with respect to them (double
 * backpropagation). It must treat samples independently (batch norm in training mode mixes
 * them, and the per-sample input gradient is then not f's gradient).
 *
 * **tfjs 4.22 limits which critics can be differentiated twice.** Use relu, softplus, square,
 * matMul, conv2d and the like. Avoid leakyRelu and prelu (their gradients use `Greater`, which
 * has no gradient: the discriminator's backward pass throws) and tanh, sigmoid, elu and exp
 * (their gradients read their saved outputs, which the tape cannot differentiate through: the
 * second-order terms are silently dropped and the penalty's gradient is wrong).
 *
 * @example
 * ```ts
 * const critic: Critic = (x) => discriminator.apply(psi, state, x, { training: true }).output;
 * ```
 */
export type Critic = (inputs: tf.Tensor) => tf.Tensor;
