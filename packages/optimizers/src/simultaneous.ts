import * as tf from '@tensorflow/tfjs-core';
import type { GameOptimizer, GradientTransformation, PerPlayer } from '@saddle/core';
import { initPlayers, movePlayer, type PlayerStates } from './players.js';

/**
 * Simultaneous gradient descent–ascent: both players move from the same point z_t,
 *   θ_G ← θ_G + T_G(∇_G L_G(z_t)),  θ_D ← θ_D + T_D(∇_D L_D(z_t)).
 * One gradient evaluation per step; `losses` are those at z_t. With `sgd(η)` this is
 * z_{t+1} = z_t − ηF(z_t) (papers §5.1); on min_x max_y x·y it spirals out by √(1+η²) per step
 * (papers §5.2). With `ogda` per player it is OGDA, with `adam` SimAdam.
 *
 * @example
 * ```ts
 * const game = simultaneous({ generator: adam({ learningRate: 1e-3 }), discriminator: adam({ learningRate: 1e-3 }) });
 * let state = game.init(params);
 * const out = game.step(gradFn, params, state);
 * ```
 * @see Goodfellow et al., "Generative Adversarial Nets", 2014
 */
export function simultaneous(players: PerPlayer<GradientTransformation>): GameOptimizer<PlayerStates> {
  return {
    name: 'simultaneous',
    init: (params) => initPlayers(players, params),
    step: (gradFn, params, state) =>
      tf.tidy(() => {
        const { grads, losses } = gradFn(params);
        const g = movePlayer(players.generator, grads.generator, params.generator, state.generator);
        const d = movePlayer(players.discriminator, grads.discriminator, params.discriminator, state.discriminator);
        return {
          params: { generator: g.params, discriminator: d.params },
          state: { generator: g.state, discriminator: d.state },
          losses,
          gradientEvaluations: 1,
        };
      }),
  };
}
