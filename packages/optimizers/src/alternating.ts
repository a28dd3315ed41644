import * as tf from '@tensorflow/tfjs-core';
import { type GameOptimizer, type GradientTransformation, type Params, type PerPlayer, type Player } from '@saddle/core';
import { checkCount, checkPlayer } from './internal/checks.js';
import { initPlayers, movePlayer, type PlayerStates } from './players.js';

/**
 * Step counts and order of alternating GDA.
 *
 * @example
 * ```ts
 * const options: AlternatingOptions = { discriminatorSteps: 5, first: 'discriminator' }; // WGAN's n_critic = 5
 * const game = alternating({ generator: adam({ learningRate: 1e-4 }), discriminator: adam({ learningRate: 1e-4 }) }, options);
 * ```
 */
export interface AlternatingOptions {
  /** n_dis: discriminator moves per step (default 1; WGAN uses 5). */
  readonly discriminatorSteps?: number;
  /** n_gen: generator moves per step (default 1). */
  readonly generatorSteps?: number;
  /** Which player moves first (default the discriminator, as in most GAN code). */
  readonly first?: Player;
}

/**
 * Alternating gradient descent–ascent: the first player moves n times, then the second moves
 * m times, each move taking fresh gradients at the current point (so the second player sees
 * the first player's new parameters). With G first and SGD (papers §5.1):
 *   x_{t+1} = x_t − η∇_x L_G(x_t, y_t),  y_{t+1} = y_t − η∇_y L_D(x_{t+1}, y_t).
 * Each move requests only the moving player's gradient; `gradientEvaluations` is n + m and
 * `losses` are each player's at its last move. On min_x max_y x·y with SGD and η < 2 it cycles
 * without diverging (papers §5.2).
 *
 * @example
 * ```ts
 * const wgan = alternating({ generator: adam(g), discriminator: adam(d) }, { discriminatorSteps: 5 });
 * ```
 * @see Gidel et al., "A Variational Inequality Perspective on Generative Adversarial Networks", 2019
 */
export function alternating(
  players: PerPlayer<GradientTransformation>,
  options: AlternatingOptions = {},
): GameOptimizer<PlayerStates> {
  const { discriminatorSteps = 1, generatorSteps = 1, first = 'discriminator' } = options;
  checkCount('discriminatorSteps', discriminatorSteps);
  checkCount('generatorSteps', generatorSteps);
  checkPlayer('first', first);
  const second: Player = first === 'discriminator' ? 'generator' : 'discriminator';
  const moves: readonly Player[] = [
    ...Array<Player>(first === 'discriminator' ? discriminatorSteps : generatorSteps).fill(first),
    ...Array<Player>(second === 'discriminator' ? discriminatorSteps : generatorSteps).fill(second),
  ];
  return {
    name: 'alternating',
    init: (params) => initPlayers(players, params),
    step: (gradFn, params, state) =>
      tf.tidy(() => {
        let current: { -readonly [P in Player]: Params } = { ...params };
        let states: { -readonly [P in Player]: tf.TensorContainer } = { ...state };
        const losses: Partial<Record<Player, tf.Scalar>> = {};
        for (const player of moves) {
          const out = gradFn(current, { players: [player] });
          const moved = movePlayer(players[player], out.grads[player], current[player], states[player]);
          current = { ...current, [player]: moved.params };
          states = { ...states, [player]: moved.state };
          losses[player] = out.losses[player];
        }
        return {
          params: current,
          state: states,
          losses: losses as PerPlayer<tf.Scalar>,
          gradientEvaluations: moves.length,
        };
      }),
  };
}
