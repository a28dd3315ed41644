import * as tf from '@tensorflow/tfjs-core';

/** The batch statistics of one channel axis: mean μ and σ = √(s² + ε), s² the biased variance. */
interface BatchStatistics {
  readonly mean: tf.Tensor;
  readonly std: tf.Tensor;
  /** x − μ, kept because the forward pass normalises it. */
  readonly centred: tf.Tensor;
  readonly variance: tf.Tensor;
}

/** μ, s² = mean((x − μ)²) and σ = √(s² + ε) over `axes`, op for op as `tf.moments` (without its float32 cast). */
function batchStatistics(x: tf.Tensor, axes: number[], eps: number): BatchStatistics {
  const mean = tf.mean(x, axes);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), axes);
  return { mean, std: tf.sqrt(tf.add(variance, eps)), centred, variance };
}

/**
 * The closed-form gradients of y = γ x̂ + β, x̂ = (x − μ)/σ, with μ and σ² the batch statistics
 * of x (N values per channel, biased variance):
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = (γ/σ)·(dy − dβ/N − x̂·dγ/N),
 * sums over every axis but the channel's. Built from differentiable ops of (x, γ, dy), so a
 * second derivative through it (a gradient penalty on a batch-normed critic) is exact.
 */
function closedFormGradients(dy: tf.Tensor, x: tf.Tensor, gamma: tf.Tensor, mean: tf.Tensor, std: tf.Tensor, axes: number[]): tf.Tensor[] {
  const count = x.size / (x.shape[x.rank - 1] as number);
  const xHat = tf.div(tf.sub(x, mean), std);
  const dBeta = tf.sum(dy, axes);
  const dGamma = tf.sum(tf.mul(dy, xHat), axes);
  const dx = tf.mul(tf.sub(tf.sub(dy, tf.div(dBeta, count)), tf.mul(xHat, tf.div(dGamma, count))), tf.div(gamma, std));
  return [dx, dGamma, dBeta];
}

/** γ, β and the running statistics of one layer (the fields of `BatchNormTensors`). */
interface LayerTensors {
  readonly gamma: tf.Tensor;
  readonly beta: tf.Tensor;
  readonly runningMean: tf.Tensor;
  readonly runningVar: tf.Tensor;
}

/**
 * Training-mode batch normalisation y = γ (x − μ)/√(s² + ε) + β over the last axis, as one taped
 * op whose backward pass is the closed form above: autodiff through the batch mean and variance
 * takes some thirty small kernels (each saving copies of its inputs), this takes two sums and
 * five elementwise kernels. The forward pass runs the same kernels in the same order as the
 * plain formula, so outputs are bit-identical to it; gradients agree to float rounding.
 *
 * The running statistics r ← (1 − m)·r + m·stat (the unbiased variance s²·N/(N − 1)) are made
 * inside the op, off the gradient tape (they need no gradient). They escape the op's own scope
 * through `tf.keep`, and are cloned into the caller's scope (two [c] copies) so that an enclosing
 * `tf.tidy` frees them as it would any other tensor.
 *
 * The backward pass uses the saved μ and σ; when it is itself being recorded (a gradient taken
 * inside `tf.grad`) it recomputes them from the saved x, so that the outer gradient sees their
 * dependence on x.
 */
export function batchNormTraining(
  x: tf.Tensor, bn: LayerTensors, eps: number, momentum: number,
): { output: tf.Tensor; runningMean: tf.Tensor; runningVar: tf.Tensor } {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const count = x.size / (x.shape[x.rank - 1] as number);
  let running: [tf.Tensor, tf.Tensor] | undefined;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, gamma, beta, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const stats = batchStatistics(input, axes, eps);
    const value = tf.add(tf.mul(tf.div(stats.centred, stats.std), gamma), beta);
    const unbiased = tf.mul(stats.variance, count / Math.max(count - 1, 1));
    running = [
      tf.keep(tf.add(tf.mul(bn.runningMean, 1 - momentum), tf.mul(stats.mean, momentum))),
      tf.keep(tf.add(tf.mul(bn.runningVar, 1 - momentum), tf.mul(unbiased, momentum))),
    ];
    save([input, gamma, stats.mean, stats.std]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xSaved, gammaSaved, meanSaved, stdSaved] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        const live = tf.engine().isTapeOn() ? batchStatistics(xSaved, axes, eps) : { mean: meanSaved, std: stdSaved };
        return closedFormGradients(dy, xSaved, gammaSaved, live.mean, live.std, axes);
      },
    };
  }) as (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor;
  const output = op(x, bn.gamma, bn.beta);
  const kept = running as [tf.Tensor, tf.Tensor];
  const [runningMean, runningVar] = kept.map((t) => tf.clone(t)) as [tf.Tensor, tf.Tensor];
  tf.dispose(kept);
  return { output, runningMean, runningVar };
}
