import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type Rng } from '@saddle/core';
import type { Critic } from './critic.js';
import { checkNonNegative, checkReduction } from './internal/checks.js';
import { checkSamples, squaredInputGradientNorms } from './internal/input-gradients.js';
import { reduce } from './internal/define-loss.js';
import type { Reduction } from './reduction.js';

/**
 * The inputs and settings of the WGAN-GP penalty.
 *
 * @example
 * ```ts
 * const options: GradientPenaltyOptions = { critic, real, fake, rng: rng.fold(step), weight: 10, oneSided: true };
 * ```
 */
export interface GradientPenaltyOptions {
  /** f, the critic; it closes over the discriminator's parameters. */
  readonly critic: Critic;
  /** Real batch x, [n, ...]. */
  readonly real: tf.Tensor;
  /** Generated batch y, the same shape as `real`. */
  readonly fake: tf.Tensor;
  /** Draws the mixing weights: ε_i is element i of `rng.uniform(n)`. */
  readonly rng: Rng;
  /** The target norm c (default 1, 1-Lipschitz). */
  readonly target?: number;
  /** λ (default 10, Gulrajani et al.). */
  readonly weight?: number;
  /** Penalize only norms above the target: max(0, ‖∇‖ − c)² (default false). */
  readonly oneSided?: boolean;
  /** `'mean'` (default) or `'none'` for the [n] per-sample terms. */
  readonly reduction?: Reduction;
}

/**
 * The WGAN-GP gradient penalty, added to the discriminator's loss:
 *   GP = λ · mean_i (‖∇_x f(x̂_i)‖₂ − c)²,   x̂_i = ε_i·x_i + (1 − ε_i)·y_i,  ε_i ~ U[0, 1),
 * or, one-sided, λ · mean_i max(0, ‖∇_x f(x̂_i)‖₂ − c)² (Petzka et al.). Real sample i is mixed
 * with generated sample i, so both batches have the same shape. The norm is over all of a
 * sample's features; where ∇ = 0 its gradient is taken as 0 (as PyTorch's `norm`), so no NaN
 * appears. Differentiable with respect to the critic's parameters (double backpropagation: see
 * {@link Critic} for the critics tfjs 4.22 can differentiate twice); the caller owns the result.
 * Refuses, with a `SaddleError`, batches of different shapes, of rank < 2, empty or non-finite,
 * and a critic that does not return one logit per sample.
 *
 * @example
 * ```ts
 * const lossD = (psi: Params) => tf.tidy(() => {
 *   const critic: Critic = (x) => discriminator.apply(psi, state, x, { training: true }).output;
 *   const logits = { realLogits: critic(real), fakeLogits: critic(fake) };
 *   return tf.add(wasserstein.discriminator(logits), gradientPenalty({ critic, real, fake, rng: rng.fold(step) }));
 * });
 * ```
 * @see Gulrajani et al., "Improved Training of Wasserstein GANs", 2017;
 *   Petzka, Fischer, Lukovnikov, "On the regularization of Wasserstein GANs", 2018
 */
export function gradientPenalty(options: GradientPenaltyOptions & { readonly reduction?: 'mean' }): tf.Scalar;
export function gradientPenalty(options: GradientPenaltyOptions & { readonly reduction: 'none' }): tf.Tensor1D;
export function gradientPenalty(options: GradientPenaltyOptions): tf.Scalar | tf.Tensor1D;
export function gradientPenalty(options: GradientPenaltyOptions): tf.Tensor {
  const { critic, real, fake, rng, target = 1, weight = 10, oneSided = false } = options;
  const reduction = checkReduction(options.reduction);
  checkNonNegative('target', target);
  checkNonNegative('weight', weight);
  checkSamples(real, 'real');
  checkSamples(fake, 'fake');
  if (real.shape.join(',') !== fake.shape.join(',')) {
    throw new SaddleError('real and generated batches must have the same shape (sample i of each is mixed)', {
      code: 'SHAPE_MISMATCH', field: 'fake', value: fake.shape, fix: `pass generated samples shaped [${real.shape.join(', ')}]`,
    });
  }
  const n = real.shape[0] as number;
  const epsilon = Float32Array.from(rng.uniform(n));
  return tf.tidy(() => {
    const mix = tf.tensor(epsilon, [n, ...Array<number>(real.rank - 1).fill(1)]);
    const interpolated = tf.add(tf.mul(mix, real), tf.mul(tf.sub(1, mix), fake));
    const excess = tf.sub(safeSqrt(squaredInputGradientNorms(critic, interpolated)), target);
    const gap = oneSided ? tf.relu(excess) : excess;
    return reduce(tf.mul(weight, tf.square(gap)), reduction);
  });
}

/**
 * √s with gradient 0 where s = 0 (instead of ∞·0 = NaN). The mask comes from `step`, not
 * `greater`: tfjs registers no gradient for Greater, and this mask sits on the path that the
 * discriminator's gradient tape differentiates.
 */
function safeSqrt(s: tf.Tensor): tf.Tensor {
  const positive = tf.cast(tf.step(s), 'bool');
  return tf.where(positive, tf.sqrt(tf.where(positive, s, tf.onesLike(s))), tf.zerosLike(s));
}
