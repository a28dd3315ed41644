import * as tf from '@tensorflow/tfjs-core';
import type { GameOptimizer, GradientTransformation, PerPlayer } from '@saddle/core';
import { initPlayers, movePlayer, type PlayerStates } from './players.js';

/**
 * Extragradient (Korpelevich): an extrapolation, then an update from the same point with the
 * gradient taken at the extrapolated point,
 *   z_{t+½} = z_t + T(F(z_t)),  z_{t+1} = z_t + T(F(z_{t+½})),
 * which with `sgd(η)` is z_{t+½} = z_t − ηF(z_t), z_{t+1} = z_t − ηF(z_{t+½}) (papers §5.1).
 * Each player's transformation state advances on **both** calls, as in Gidel et al.'s ExtraAdam
 * (with `adam`, the step count grows by 2 per step); both updates receive `params` = z_t, the
 * point they are added to. Two gradient evaluations per step; `losses` are those at z_{t+½}.
 * On min_x max_y x·y with SGD, ‖z‖ contracts by √(1 − η² + η⁴) per step. Inputs are never
 * disposed; the caller owns the returned params, state and losses.
 *
 * @example
 * ```ts
 * const extraAdam = extragradient({ generator: adam({ learningRate: 5e-5, beta1: 0.5, beta2: 0.9 }), discriminator: adam({ learningRate: 5e-4, beta1: 0.5, beta2: 0.9 }) });
 * const out = extraAdam.step(gradFn, params, extraAdam.init(params)); // out.gradientEvaluations === 2
 * ```
 * @see Korpelevich, "The extragradient method for finding saddle points and other problems", 1976
 * @see Gidel et al., "A Variational Inequality Perspective on Generative Adversarial Networks", 2019
 */
export function extragradient(players: PerPlayer<GradientTransformation>): GameOptimizer<PlayerStates> {
  return {
    name: 'extragradient',
    init: (params) => initPlayers(players, params),
    step: (gradFn, params, state) =>
      tf.tidy(() => {
        const atStart = gradFn(params);
        const g = movePlayer(players.generator, atStart.grads.generator, params.generator, state.generator);
        const d = movePlayer(players.discriminator, atStart.grads.discriminator, params.discriminator, state.discriminator);
        const atHalf = gradFn({ generator: g.params, discriminator: d.params });
        const gNext = movePlayer(players.generator, atHalf.grads.generator, params.generator, g.state);
        const dNext = movePlayer(players.discriminator, atHalf.grads.discriminator, params.discriminator, d.state);
        return {
          params: { generator: gNext.params, discriminator: dNext.params },
          state: { generator: gNext.state, discriminator: dNext.state },
          losses: atHalf.losses,
          gradientEvaluations: 2,
        };
      }),
  };
}
