import * as tf from '@tensorflow/tfjs-core';
import { treeZerosLike, type GameOptimizer, type GradientTransformation, type Params, type PerPlayer, type Player } from '@saddle/core';
import { applyUpdates } from './apply-updates.js';
import { initPlayers, type PlayerStates } from './players.js';

/**
 * State of extrapolation from the past: the players' transformation states and their last updates.
 *
 * @example
 * ```ts
 * const game = extrapolationFromThePast({ generator: sgd({ learningRate: 0.1 }), discriminator: sgd({ learningRate: 0.1 }) });
 * const state: PastExtrapolationState = game.init(params); // previous updates start at zero
 * ```
 */
export type PastExtrapolationState = {
  readonly players: PlayerStates;
  /** u_{t−1} per player, the update of the previous step (zeros before the first). */
  readonly previous: PerPlayer<Params>;
};

/**
 * Extrapolation from the past (Popov; Gidel et al.'s PastExtra, single-call extragradient):
 * the extrapolation re-uses the previous step's update instead of a fresh gradient,
 *   z_{t+½} = z_t + u_{t−1},  u_t = T(F(z_{t+½})),  z_{t+1} = z_t + u_t,  u_{−1} = 0,
 * so with `sgd(η)`: z_{t+½} = z_t − ηF(z_{t−½}), z_{t+1} = z_t − ηF(z_{t+½}) (papers §5.1). One
 * gradient evaluation per step; `losses` are those at z_{t+½}. The points z_{t+½} follow OGDA
 * exactly (z_{t+3/2} = z_{t+½} − 2ηF(z_{t+½}) + ηF(z_{t−½})): it is OGDA up to the half-step
 * shift, and contracts ‖z‖ on x·y at OGDA's rate. Inputs are never disposed; the caller owns the
 * returned params, state (which holds u_t) and losses.
 *
 * @example
 * ```ts
 * const pastExtraAdam = extrapolationFromThePast({ generator: adam({ learningRate: 2e-5, beta1: 0.5, beta2: 0.9 }), discriminator: adam({ learningRate: 2e-4, beta1: 0.5, beta2: 0.9 }) });
 * ```
 * @see Popov, "A modification of the Arrow–Hurwicz method for search of saddle points", 1980
 * @see Gidel et al., "A Variational Inequality Perspective on Generative Adversarial Networks", 2019
 */
export function extrapolationFromThePast(players: PerPlayer<GradientTransformation>): GameOptimizer<PastExtrapolationState> {
  return {
    name: 'extrapolation-from-the-past',
    init: (params) => ({
      players: initPlayers(players, params),
      previous: { generator: treeZerosLike(params.generator), discriminator: treeZerosLike(params.discriminator) },
    }),
    step: (gradFn, params, state) =>
      tf.tidy(() => {
        const half = { generator: applyUpdates(params.generator, state.previous.generator), discriminator: applyUpdates(params.discriminator, state.previous.discriminator) };
        const { grads, losses } = gradFn(half);
        const move = (player: Player) => {
          const out = players[player].update(grads[player], state.players[player], params[player]);
          return { params: applyUpdates(params[player], out.updates), state: out.state, update: out.updates };
        };
        const g = move('generator');
        const d = move('discriminator');
        return {
          params: { generator: g.params, discriminator: d.params },
          state: { players: { generator: g.state, discriminator: d.state }, previous: { generator: g.update, discriminator: d.update } },
          losses,
          gradientEvaluations: 1,
        };
      }),
  };
}
