import type * as tf from '@tensorflow/tfjs-core';
import type { Params, PerPlayer } from './params.js';

/**
 * Each player's gradient of **its own** loss at one joint point. Every player minimizes; a
 * zero-sum game puts the negation in the losses, never in an optimizer.
 *
 * Ownership: the caller of a `GameGradientFn` owns the returned grads and losses.
 *
 * @example
 * ```ts
 * const gradFn: GameGradientFn = (params) => {
 *   const g = tf.variableGrads... // compute each player's grads
 *   return { grads, losses };
 * };
 * ```
 */
export type GameGradientFn = (params: PerPlayer<Params>) => {
  grads: PerPlayer<Params>;
  losses: PerPlayer<tf.Scalar>;
};

/** What one `GameOptimizer.step` returns. The caller owns everything in it. */
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
