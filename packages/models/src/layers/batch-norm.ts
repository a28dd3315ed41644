import * as tf from '@tensorflow/tfjs-core';
import { batchNormTraining } from './batch-norm-training.js';

/**
 * ε added to the variance, PyTorch's default 1e-5.
 *
 * @example
 * ```ts
 * // eval mode: y = γ (x − running mean)/√(running var + BATCH_NORM_EPS) + β
 * const y = tf.add(tf.mul(gamma, tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, BATCH_NORM_EPS)))), beta);
 * ```
 */
export const BATCH_NORM_EPS = 1e-5;
/**
 * Running-statistics momentum m in r ← (1 − m) r + m·stat, PyTorch's default 0.1.
 *
 * @example
 * ```ts
 * // training mode updates r ← (1 − m)·r + m·stat with m = BATCH_NORM_MOMENTUM = 0.1
 * const { runningMean } = batchNorm(x, bn, true);
 * ```
 */
export const BATCH_NORM_MOMENTUM = 0.1;

/**
 * The parameters (γ, β) and running statistics of one batch-norm layer over the channel axis.
 *
 * @example
 * ```ts
 * const bn: BatchNormTensors = { gamma: tf.ones([c]), beta: tf.zeros([c]), runningMean: tf.zeros([c]), runningVar: tf.ones([c]) };
 * const { output, runningMean, runningVar } = batchNorm(x, bn, true);
 * ```
 */
export interface BatchNormTensors {
  readonly gamma: tf.Tensor;
  readonly beta: tf.Tensor;
  readonly runningMean: tf.Tensor;
  readonly runningVar: tf.Tensor;
}

/**
 * Batch normalisation over the last (channel) axis, as PyTorch `nn.BatchNorm2d` / `BatchNorm1d`:
 * y = γ (x − μ)/√(σ² + ε) + β with ε = 1e-5.
 * - training: μ, σ² are the batch mean and **biased** variance over all axes but the last; the running
 *   statistics become r ← (1 − m) r + m·stat with m = 0.1, using the **unbiased** variance
 *   σ²·N/(N − 1) (N = values per channel);
 * - eval: μ, σ² are the running statistics, which are returned unchanged (the same tensors).
 * In training mode the backward pass is the closed form dx = (γ/σ)(dy − mean(dy) − x̂·mean(dy·x̂)),
 * dγ = Σ dy·x̂, dβ = Σ dy (one taped op instead of autodiff through the moments; decision 0027).
 * Returns new tensors (the running statistics only when training); the inputs are not disposed.
 *
 * @example
 * ```ts
 * const { output, runningMean, runningVar } = batchNorm(x, bn, true); // x: [n, h, w, c]
 * ```
 * @see Ioffe and Szegedy, "Batch Normalization", 2015
 */
export function batchNorm(x: tf.Tensor, bn: BatchNormTensors, training: boolean): { output: tf.Tensor; runningMean: tf.Tensor; runningVar: tf.Tensor } {
  if (!training) {
    const output = tf.tidy(() =>
      tf.add(tf.mul(tf.div(tf.sub(x, bn.runningMean), tf.sqrt(tf.add(bn.runningVar, BATCH_NORM_EPS))), bn.gamma), bn.beta));
    return { output, runningMean: bn.runningMean, runningVar: bn.runningVar };
  }
  return batchNormTraining(x, bn, BATCH_NORM_EPS, BATCH_NORM_MOMENTUM);
}
