import * as tf from '@tensorflow/tfjs-core';
import { PLAYERS, treeZip, type GameGradientFn, type GameOptimizer, type Params, type PerPlayer, type Rng } from '@saddle/core';
import { checkCount } from './internal/checks.js';

/**
 * Options of {@link fictitiousPlay}.
 *
 * @example
 * ```ts
 * const options: FictitiousPlayOptions = { window: 5, rng: createRng(0).fold('fictitious') };
 * const game = fictitiousPlay(simultaneous({ generator: sgd({ learningRate: 0.1 }), discriminator: sgd({ learningRate: 0.1 }) }), options);
 * ```
 */
export interface FictitiousPlayOptions {
  /** n, the number of each opponent's models in the mixture: the current one and n − 1 snapshots. */
  readonly window: number;
  /** Seeds the uniform choice of a stored generator for each discriminator gradient. */
  readonly rng: Rng;
}

/**
 * State of {@link fictitiousPlay}: the inner state, the snapshots (newest first) and the step count.
 *
 * @example
 * ```ts
 * const out = game.step(gradFn, params, state);
 * const snapshots = out.state.history.generator.length; // at most window − 1
 * ```
 */
export type FictitiousPlayState<S extends tf.TensorContainer> = {
  readonly inner: S;
  /** The parameters each player had at the start of the last n − 1 steps, newest first. */
  readonly history: PerPlayer<Params[]>;
  /** Steps taken; with the seed it fixes every draw, so a resumed run draws the same. */
  readonly step: number;
};

/**
 * Fictitious play around an inner game optimizer (usually `alternating`): each player's move
 * best-responds to the **mixture of the opponent's last n models**, the opponent's current
 * parameters and its parameters at the start of the n − 1 previous steps (fewer during the first
 * n − 1 steps). Snapshots are the immutable parameter maps themselves, not copies; the driver's
 * `disposeReplaced` frees one when it leaves the window. It wraps the inner optimizer's `gradFn`:
 * - a discriminator gradient is taken against one generator G_j drawn uniformly from the n
 *   (one draw per call, seeded by `rng`, the step and the call), so over calls the fakes D sees
 *   come from the equal-weight mixture: ∇_ψ L_D(G_j, D_ψ), j ~ U{1..n};
 * - a generator gradient is the average over the n discriminators, with the loss averaged too:
 *   ∇_θ (1/n)·Σ_j L_G(G_θ, D_j)  (n gradient evaluations).
 * With `window: 1` every call passes straight through, so the trajectory is bit-identical to the
 * inner optimizer's. `gradientEvaluations` counts the calls actually made.
 *
 * @example
 * ```ts
 * const game = fictitiousPlay(alternating({ generator: adam(g), discriminator: adam(d) }, { discriminatorSteps: 5 }), { window: 5, rng: createRng(0).fold('fictitious') });
 * ```
 * @see Ge et al., "Fictitious GAN: Training GANs with Historical Models", 2018
 * @see Brown, "Iterative solution of games by fictitious play", 1951
 */
export function fictitiousPlay<S extends tf.TensorContainer>(inner: GameOptimizer<S>, options: FictitiousPlayOptions): GameOptimizer<FictitiousPlayState<S>> {
  const { window, rng } = options;
  checkCount('window', window);
  return {
    name: `fictitious-play(${inner.name})`,
    init: (params) => ({ inner: inner.init(params), history: { generator: [], discriminator: [] }, step: 0 }),
    step: (gradFn, params, state) =>
      tf.tidy(() => {
        const { history } = state;
        const stepRng = rng.fold(state.step);
        let evaluations = 0;
        let draws = 0;
        const call: GameGradientFn = (point, request) => {
          evaluations += 1;
          return gradFn(point, request);
        };
        /** L_G and its gradient averaged over the discriminators in the mixture. */
        const againstDiscriminators = (point: PerPlayer<Params>): ReturnType<GameGradientFn> => {
          const outs = [point.discriminator, ...history.discriminator].map((discriminator) =>
            call({ generator: point.generator, discriminator }, { players: ['generator'] }),
          );
          const mean = (ts: tf.Tensor[]) => tf.div(tf.addN(ts), ts.length);
          return {
            grads: { generator: treeZip(outs.map((o) => o.grads.generator), mean), discriminator: {} },
            losses: { generator: mean(outs.map((o) => o.losses.generator)) as tf.Scalar, discriminator: outs[0]!.losses.discriminator },
          };
        };
        /** L_D and its gradient against one generator drawn uniformly from the mixture. */
        const againstGenerator = (point: PerPlayer<Params>): ReturnType<GameGradientFn> => {
          const generator = pick([point.generator, ...history.generator], stepRng.fold(draws++));
          return call({ generator, discriminator: point.discriminator }, { players: ['discriminator'] });
        };
        const mixed: GameGradientFn = (point, request) => {
          const players = request?.players ?? PLAYERS;
          const wantD = players.includes('discriminator');
          const wantG = players.includes('generator');
          if (history.generator.length === 0 || (!wantD && !wantG)) return call(point, request);
          const d = wantD ? againstGenerator(point) : undefined;
          const g = wantG ? againstDiscriminators(point) : undefined;
          return {
            grads: { generator: g?.grads.generator ?? {}, discriminator: d?.grads.discriminator ?? {} },
            losses: { generator: (g ?? d)!.losses.generator, discriminator: (d ?? g)!.losses.discriminator },
          };
        };
        const out = inner.step(mixed, params, state.inner);
        const keep = window - 1;
        return {
          params: out.params,
          state: {
            inner: out.state,
            history: {
              generator: [params.generator, ...history.generator].slice(0, keep),
              discriminator: [params.discriminator, ...history.discriminator].slice(0, keep),
            },
            step: state.step + 1,
          },
          losses: out.losses,
          gradientEvaluations: evaluations,
        };
      }),
  };
}

/** One element drawn uniformly with a seeded host uniform. */
function pick<T>(items: readonly T[], rng: Rng): T {
  const u = rng.uniform(1)[0] as number;
  return items[Math.min(items.length - 1, Math.floor(u * items.length))] as T;
}
