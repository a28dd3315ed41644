import * as tf from '@tensorflow/tfjs-core';
import type { Critic } from './critic.js';
import { checkNonNegative, checkReduction } from './internal/checks.js';
import { reduce } from './internal/define-loss.js';
import { checkSamples, squaredInputGradientNorms } from './internal/input-gradients.js';
import type { Reduction } from './reduction.js';

/** Settings shared by the R1 and R2 penalties. */
interface ZeroCenteredSettings {
  /** f, the critic; it closes over the discriminator's parameters. */
  readonly critic: Critic;
  /** γ (default 10); the penalty is γ/2 · mean ‖∇f‖². */
  readonly weight?: number;
  /** `'mean'` (default) or `'none'` for the [n] per-sample terms. */
  readonly reduction?: Reduction;
}

/**
 * The inputs of the R1 penalty.
 *
 * @example
 * ```ts
 * const options: R1PenaltyOptions = { critic, real, weight: 10 };
 * ```
 */
export interface R1PenaltyOptions extends ZeroCenteredSettings {
  /** Real batch x, [n, ...]. */
  readonly real: tf.Tensor;
}

/**
 * The inputs of the R2 penalty.
 *
 * @example
 * ```ts
 * const options: R2PenaltyOptions = { critic, fake, weight: 10 };
 * ```
 */
export interface R2PenaltyOptions extends ZeroCenteredSettings {
  /** Generated batch y, [n, ...] (a constant for the discriminator's step). */
  readonly fake: tf.Tensor;
}

function zeroCentered(settings: ZeroCenteredSettings, samples: tf.Tensor, field: string): tf.Tensor {
  const { critic, weight = 10 } = settings;
  const reduction = checkReduction(settings.reduction);
  checkNonNegative('weight', weight);
  checkSamples(samples, field);
  return tf.tidy(() => reduce(tf.mul(weight / 2, squaredInputGradientNorms(critic, samples)), reduction));
}

/**
 * The R1 penalty on real data, added to the discriminator's loss:
 *   R1 = (γ/2) · mean_i ‖∇_x f(x_i)‖₂²,  x_i real.
 * Differentiable with respect to the critic's parameters (see {@link Critic} for the critics
 * tfjs 4.22 can differentiate twice); the caller owns the result.
 *
 * @example
 * ```ts
 * const lossD = tf.add(nonSaturating.discriminator(logits), r1Penalty({ critic, real, weight: 10 }));
 * ```
 * @see Mescheder, Geiger, Nowozin, "Which Training Methods for GANs do actually Converge?", 2018
 */
export function r1Penalty(options: R1PenaltyOptions & { readonly reduction?: 'mean' }): tf.Scalar;
export function r1Penalty(options: R1PenaltyOptions & { readonly reduction: 'none' }): tf.Tensor1D;
export function r1Penalty(options: R1PenaltyOptions): tf.Scalar | tf.Tensor1D;
export function r1Penalty(options: R1PenaltyOptions): tf.Tensor {
  return zeroCentered(options, options.real, 'real');
}

/**
 * The R2 penalty on generated data, added to the discriminator's loss:
 *   R2 = (γ/2) · mean_j ‖∇_y f(y_j)‖₂²,  y_j = G(z_j).
 * Differentiable with respect to the critic's parameters (see {@link Critic} for the critics
 * tfjs 4.22 can differentiate twice); the caller owns the result.
 *
 * @example
 * ```ts
 * const lossD = tf.add(nonSaturating.discriminator(logits), r2Penalty({ critic, fake, weight: 10 }));
 * ```
 * @see Mescheder, Geiger, Nowozin, "Which Training Methods for GANs do actually Converge?", 2018
 */
export function r2Penalty(options: R2PenaltyOptions & { readonly reduction?: 'mean' }): tf.Scalar;
export function r2Penalty(options: R2PenaltyOptions & { readonly reduction: 'none' }): tf.Tensor1D;
export function r2Penalty(options: R2PenaltyOptions): tf.Scalar | tf.Tensor1D;
export function r2Penalty(options: R2PenaltyOptions): tf.Tensor {
  return zeroCentered(options, options.fake, 'fake');
}
