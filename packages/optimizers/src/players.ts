import type * as tf from '@tensorflow/tfjs-core';
import type { GradientTransformation, Params, PerPlayer, Player } from '@saddle/core';
import { applyUpdates } from './apply-updates.js';

/**
 * Per-player transformation states of a game optimizer.
 *
 * @example
 * ```ts
 * const states: PlayerStates = initPlayers({ generator: adam({ learningRate: 1e-4 }), discriminator: adam({ learningRate: 4e-4 }) }, params);
 * const discriminatorState = states.discriminator;
 * ```
 */
export type PlayerStates = { readonly [P in Player]: tf.TensorContainer };

/**
 * Initialises each player's transformation on its own parameters.
 *
 * @example
 * ```ts
 * const states = initPlayers({ generator: sgd({ learningRate: 0.1 }), discriminator: sgd({ learningRate: 0.1 }) }, params);
 * ```
 * @see docs/architecture/optimizers.md
 */
export function initPlayers(players: PerPlayer<GradientTransformation>, params: PerPlayer<Params>): PlayerStates {
  return { generator: players.generator.init(params.generator), discriminator: players.discriminator.init(params.discriminator) };
}

/**
 * One player's move θ ← θ + T(g), returning its new parameters and transformation state.
 * Intermediate updates are left to the caller's `tf.tidy`.
 *
 * @example
 * ```ts
 * const moved = movePlayer(adam({ learningRate: 1e-3 }), grads.generator, params.generator, states.generator);
 * ```
 * @see docs/architecture/optimizers.md
 */
export function movePlayer(
  transformation: GradientTransformation,
  grads: Params,
  params: Params,
  state: tf.TensorContainer,
): { params: Params; state: tf.TensorContainer } {
  const out = transformation.update(grads, state, params);
  return { params: applyUpdates(params, out.updates), state: out.state };
}
