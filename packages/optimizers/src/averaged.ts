import * as tf from '@tensorflow/tfjs-core';
import { treeZip, type GameOptimizer, type Params, type Player } from '@saddle/core';
import { checkPlayer, checkUnitInterval } from './internal/checks.js';

/**
 * Options of {@link averaged}.
 *
 * @example
 * ```ts
 * const options: AveragedOptions = { average: { ema: 0.999 }, players: ['generator'] };
 * const game = averaged(simultaneous({ generator: adam({ learningRate: 1e-4 }), discriminator: adam({ learningRate: 1e-4 }) }), options);
 * ```
 */
export interface AveragedOptions {
  /**
   * `'uniform'` (default): θ̄_K = (θ_0 + θ_1 + … + θ_K)/(K+1);
   * `{ ema: β }`: θ̄ ← β·θ̄ + (1−β)·θ_k, with β in [0, 1) (Gidel et al. use 0.999 or 0.9999).
   */
  readonly average?: 'uniform' | { readonly ema: number };
  /** Players whose parameters are averaged (default the generator only, as in Gidel et al.). */
  readonly players?: readonly Player[];
}

/**
 * State of {@link averaged}: the inner optimizer's state, the averages and the step count K.
 *
 * @example
 * ```ts
 * const out = game.step(gradFn, params, state);
 * const averagedGenerator = out.state.average.generator; // evaluate samples with these params
 * console.log(out.state.count); // inner steps taken
 * ```
 */
export type AveragedState<S extends tf.TensorContainer> = {
  readonly inner: S;
  /** θ̄ per averaged player: evaluate the averaged generator with `state.average.generator`. */
  readonly average: Readonly<Partial<Record<Player, Params>>>;
  /** K, the number of inner steps taken. */
  readonly count: number;
};

/**
 * Iterate averaging around any game optimizer: the inner method trains as usual and the state
 * keeps an average of the iterates for evaluation (the averaged generator), never fed back.
 * Both averages start at θ̄ = θ_0 and are updated once per inner step, after it, so the points an
 * inner extragradient extrapolates to are excluded:
 *   uniform: θ̄_k = θ̄_{k−1} + (θ_k − θ̄_{k−1})/(k+1), i.e. θ̄_K = (θ_0 + … + θ_K)/(K+1);
 *   EMA:     θ̄_k = β·θ̄_{k−1} + (1−β)·θ_k.
 * Params, losses and `gradientEvaluations` are the inner step's. The averages belong to the
 * returned state (at `init` they are θ_0's own tensors, not copies), so `disposeReplaced` frees them.
 *
 * @example
 * ```ts
 * const game = averaged(extragradient(players), { average: { ema: 0.999 } });
 * let state = game.init(params);
 * // ... steps ...
 * const samples = generator.apply(state.average.generator!, gState, z, { training: false }).output;
 * ```
 * @see Gidel et al., "A Variational Inequality Perspective on Generative Adversarial Networks", 2019
 * @see Yazıcı et al., "The Unusual Effectiveness of Averaging in GAN Training", 2019
 */
export function averaged<S extends tf.TensorContainer>(inner: GameOptimizer<S>, options: AveragedOptions = {}): GameOptimizer<AveragedState<S>> {
  const { average = 'uniform', players = ['generator'] } = options;
  if (average !== 'uniform') checkUnitInterval('average.ema', average.ema);
  for (const [i, player] of players.entries()) checkPlayer(`players[${i}]`, player);
  const blend = (mean: tf.Tensor, theta: tf.Tensor, count: number): tf.Tensor =>
    average === 'uniform'
      ? tf.add(mean, tf.div(tf.sub(theta, mean), count + 1))
      : tf.add(tf.mul(mean, average.ema), tf.mul(theta, 1 - average.ema));
  return {
    name: `averaged(${inner.name})`,
    init: (params) => ({
      inner: inner.init(params),
      average: Object.fromEntries(players.map((p) => [p, params[p]])),
      count: 0,
    }),
    step: (gradFn, params, state) =>
      tf.tidy(() => {
        const out = inner.step(gradFn, params, state.inner);
        const count = state.count + 1;
        const next: Partial<Record<Player, Params>> = {};
        for (const player of players) {
          const mean = state.average[player] as Params;
          next[player] = treeZip([mean, out.params[player]], ([m, theta]) => blend(m as tf.Tensor, theta as tf.Tensor, count));
        }
        return { ...out, state: { inner: out.state, average: next, count } };
      }),
  };
}
