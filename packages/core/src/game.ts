import type * as tf from '@tensorflow/tfjs-core';
import type { Params, PerPlayer, Player } from './params.js';

/**
 * Which players' gradients a `GameGradientFn` call must compute.
 *
 * @example
 * ```ts
 * // Alternating GDA asks for one player's gradients at a time:
 * const { grads } = gradFn(params, { players: ['discriminator'] }); // grads.generator may be {}
 * ```
 */
export interface GradientRequest {
  /** Players whose gradients are needed; others may get `{}` (saves a backward pass). */
  readonly players: readonly Player[];
}

/**
 * Each player's gradient of **its own** loss at one joint point. Every player minimizes; a
 * zero-sum game puts the negation in the losses, never in an optimizer. Without a request,
 * both players' gradients are computed; losses are always both players'.
 *
 * Ownership: the caller of a `GameGradientFn` owns the returned grads and losses.
 *
 * @example
 * ```ts
 * // min_x max_y x·y as two minimizers: L_x = x·y, L_y = −x·y
 * const bilinear: GameGradientFn = (p) => {
 *   const x = p.generator.x as tf.Scalar, y = p.discriminator.y as tf.Scalar;
 *   return {
 *     grads: { generator: { x: tf.clone(y) }, discriminator: { y: tf.neg(x) } },
 *     losses: { generator: tf.mul(x, y), discriminator: tf.neg(tf.mul(x, y)) },
 *   };
 * };
 * ```
 */
export type GameGradientFn = (
  params: PerPlayer<Params>,
  request?: GradientRequest,
) => {
  grads: PerPlayer<Params>;
  losses: PerPlayer<tf.Scalar>;
};

/**
 * What one `GameOptimizer.step` returns. The caller owns everything in it.
 *
 * @example
 * ```ts
 * const out: GameStepResult<unknown> = game.step(gradFn, params, state);
 * console.log(out.gradientEvaluations); // 2 for extragradient
 * disposeReplaced({ params, state }, { params: out.params, state: out.state });
 * ```
 */
export interface GameStepResult<S> {
  readonly params: PerPlayer<Params>;
  readonly state: S;
  /** The losses at the point where the step's (last) gradients were taken, per player. */
  readonly losses: PerPlayer<tf.Scalar>;
  /** Number of calls to `gradFn`, for comparisons at an equal gradient budget. */
  readonly gradientEvaluations: number;
}

/**
 * A min-max method (GDA, OGDA, extragradient, fictitious play) over both players.
 * `step` never disposes `params` or `state`: the driver owns them and disposes what the new
 * values no longer reference (`disposeReplaced`).
 *
 * @example
 * ```ts
 * const game = simultaneous({ generator: adam({ learningRate: 1e-3 }), discriminator: adam({ learningRate: 1e-3 }) });
 * let state = game.init(params);
 * const out = game.step(gradFn, params, state);
 * ```
 */
export interface GameOptimizer<S = unknown> {
  readonly name: string;
  init(params: PerPlayer<Params>): S;
  step(gradFn: GameGradientFn, params: PerPlayer<Params>, state: S): GameStepResult<S>;
}
