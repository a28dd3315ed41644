import * as tf from '@tensorflow/tfjs-core';
import {
  disposeReplaced,
  SaddleError,
  treeTensors,
  type GameGradientFn,
  type GanLoss,
  type LogitPair,
  type Module,
  type Params,
  type PerPlayer,
  type Rng,
} from '@saddle/core';
import { valueAndGradsOf } from './internal/value-and-grads.js';

/**
 * What a discriminator penalty sees: the critic f_ψ as a function (it closes over the
 * discriminator's parameters ψ, so the penalty is differentiated with respect to them), the real
 * batch x, the generated batch y = G_θ(z) (a constant for D), and the batch's `rng` for any
 * randomness (WGAN-GP's mixing weights ε).
 *
 * @example
 * ```ts
 * const penalty: DiscriminatorPenalty = ({ critic, real }: PenaltyInput) => r1Penalty({ critic, real, weight: 10 });
 * ```
 */
export interface PenaltyInput {
  /**
   * f_ψ: samples [n, ...] → logits [n] or [n, 1], applied in training mode at the D state the
   * gradient evaluation started from (the state it returns is dropped).
   */
  readonly critic: (inputs: tf.Tensor) => tf.Tensor;
  readonly real: tf.Tensor;
  readonly fake: tf.Tensor;
  readonly rng: Rng;
}

/**
 * A penalty Ω(ψ) added to the discriminator's loss only: D minimizes L_D + Ω, G's loss and
 * gradient are unchanged. Any of `@saddle/losses`' `gradientPenalty` (WGAN-GP), `r1Penalty`,
 * `r2Penalty`, or a function of your own; it returns a scalar the game owns.
 *
 * @example
 * ```ts
 * const wganGp: DiscriminatorPenalty = ({ critic, real, fake, rng }) => gradientPenalty({ critic, real, fake, rng, weight: 10 });
 * const game = ganGame({ generator, discriminator, loss: wasserstein, latentSize: 8, penalty: wganGp });
 * ```
 */
export type DiscriminatorPenalty = (input: PenaltyInput) => tf.Scalar;

/**
 * The pieces of a GAN: two modules, a loss pair, the latent size and an optional penalty on D.
 *
 * @example
 * ```ts
 * const options: GanGameOptions<tf.Tensor2D> = {
 *   generator: mlp({ inputSize: 8, hiddenSizes: [64, 64], outputSize: 2 }),
 *   discriminator: mlp({ inputSize: 2, hiddenSizes: [64, 64], outputSize: 1 }),
 *   loss: nonSaturating,
 *   latentSize: 8,
 * };
 * ```
 */
export interface GanGameOptions<R extends tf.Tensor = tf.Tensor> {
  /** G: latents z [n, latentSize] → samples shaped like the real data. */
  readonly generator: Module<tf.Tensor2D, R>;
  /** D: samples → logits [n] or [n, 1]. */
  readonly discriminator: Module<R, tf.Tensor>;
  readonly loss: GanLoss;
  /** Size of z ~ N(0, I). */
  readonly latentSize: number;
  /** Ω(ψ), added to D's loss only (default none); batches must then carry an `rng`. */
  readonly penalty?: DiscriminatorPenalty;
}

/**
 * One step's data: a real batch and a latent batch (the caller owns and disposes both).
 *
 * @example
 * ```ts
 * const batch: GanBatch<tf.Tensor2D> = { real, latents: game.latents(rng.fold(step), 256) };
 * ```
 */
export interface GanBatch<R extends tf.Tensor = tf.Tensor> {
  readonly real: R;
  readonly latents: tf.Tensor2D;
  /**
   * The penalty's randomness (required when the game has a penalty, unused otherwise); every
   * `gradFn` call of the batch sees the same draws. `train` passes `rng.fold('penalty').fold(step)`.
   */
  readonly rng?: Rng;
}

/**
 * A `GameGradientFn` for one batch, plus the model state it has advanced. Model state (batch-norm
 * running statistics, spectral-norm vectors) cannot travel through `GameGradientFn`, whose
 * signature the game optimizers fix, so it is carried here: each call applies the modules in
 * training mode at the latest state and records the state they return.
 *
 * @example
 * ```ts
 * const gradients = game.gradients(batch, state);
 * const out = optimizer.step(gradients.gradFn, params, optState); // may call gradFn several times
 * disposeReplaced({ params, state }, { params: out.params, state: gradients.state() });
 * ```
 */
export interface GanGradients {
  readonly gradFn: GameGradientFn;
  /**
   * Model state after the latest `gradFn` call (the state passed to `gradients` before any call).
   * States made by earlier calls are freed as later calls replace them; the caller's input
   * state is never freed here, and the caller owns the result.
   */
  state(): PerPlayer<Params>;
}

/**
 * A GAN as a two-player game: initialisation, latent sampling, per-batch gradients and sampling.
 * Each player minimizes its own loss; zero-sum variants carry the negation in the `GanLoss`.
 *
 * @example
 * ```ts
 * const { params, state } = game.init(createRng(0));
 * const z = game.latents(createRng(1), 1000);
 * const samples = game.generate(params, state, z); // caller disposes z and samples
 * ```
 */
export interface GanGame<R extends tf.Tensor = tf.Tensor> {
  readonly latentSize: number;
  /** Parameters and state of both players from `rng.fold('generator')` and `rng.fold('discriminator')`. */
  init(rng: Rng): { params: PerPlayer<Params>; state: PerPlayer<Params> };
  /** z ~ N(0, I) of shape [count, latentSize]; the caller owns it. */
  latents(rng: Rng, count: number): tf.Tensor2D;
  /** The game's gradients on one batch, starting from model state `state`. */
  gradients(batch: GanBatch<R>, state: PerPlayer<Params>): GanGradients;
  /** G(z) in inference mode; the caller owns the result. */
  generate(params: PerPlayer<Params>, state: PerPlayer<Params>, latents: tf.Tensor2D): R;
}

/**
 * Builds the GAN game: on a real batch x and latents z, with y = G_θ(z) and f = D_ψ,
 *   ∇_θ L_G(f(x), f(G_θ(z)))  and  ∇_ψ [L_D(f_ψ(x), f_ψ(y)) + Ω(f_ψ; x, y, rng)],
 * each player's gradient of its own loss w.r.t. its own parameters only (y is a constant for
 * D); Ω is the optional `penalty` (0 without one), e.g. WGAN-GP's
 *   Ω = λ · mean_i (‖∇_x f(x̂_i)‖₂ − 1)²,  x̂_i = ε_i·x_i + (1 − ε_i)·y_i,  ε_i ~ U[0, 1) from `batch.rng`,
 * whose ∇_ψ is a double backpropagation. When an optimizer requests one player (alternating
 * updates), only that player's backward pass runs; both losses are always returned, computed
 * from the same logits, D's including Ω.
 *
 * State rule: every `gradFn` call runs G once on z and D on x then on y, threading each
 * module's state through those applications, and keeps the state they return.
 *
 * @example
 * ```ts
 * const game = ganGame({ generator: mlp(g), discriminator: mlp(d), loss: nonSaturating, latentSize: 8 });
 * const { params, state } = game.init(rng);
 * const grads = game.gradients({ real, latents: game.latents(rng.fold(step), 256) }, state);
 * const out = optimizer.step(grads.gradFn, params, optState);
 * const nextState = grads.state();
 * ```
 * @see Goodfellow et al., "Generative Adversarial Nets", 2014
 */
export function ganGame<R extends tf.Tensor>(options: GanGameOptions<R>): GanGame<R> {
  const { generator, discriminator, loss, latentSize, penalty } = options;
  if (!Number.isInteger(latentSize) || latentSize < 1 || latentSize > 65_536) {
    throw new SaddleError('latent size must be an integer in [1, 65536]', {
      code: 'INVALID_ARGUMENT', field: 'latentSize', value: latentSize, fix: 'pass a positive integer such as 8',
    });
  }

  /** D on the real batch then on the fakes, threading D's state. */
  const discriminate = (dParams: Params, dState: Params, real: R, fake: R): { logits: LogitPair; state: Params } => {
    const onReal = discriminator.apply(dParams, dState, real, { training: true });
    const onFake = discriminator.apply(dParams, onReal.state, fake, { training: true });
    return { logits: { realLogits: onReal.output, fakeLogits: onFake.output }, state: onFake.state };
  };

  const evaluate = (params: PerPlayer<Params>, state: PerPlayer<Params>, batch: GanBatch<R>, wantG: boolean, wantD: boolean) =>
    tf.tidy(() => {
      // What must outlive a gradient tape's own tidy scope is marked with tf.keep: the fakes and
      // the new state; a by-product loss is kept and then `released` back into this scope.
      // Kept tensors escape every tidy, even on a throw (a loss refusing NaN logits), so they
      // are tracked here and freed by hand.
      const kept = new Set<tf.Tensor>();
      const keep = <T extends tf.Tensor>(t: T): T => {
        kept.add(t);
        return tf.keep(t);
      };
      const keepAll = (tensors: Params): Params => {
        for (const t of Object.values(tensors)) keep(t);
        return tensors;
      };
      let fake!: R;
      let gState!: Params;
      let dState!: Params;
      let lossG!: tf.Scalar;
      let lossD!: tf.Scalar;
      let gradsG: Params = {};
      let gradsD: Params = {};
      /** lossD + Ω(ψ) with a penalty; the critic runs D at the state the call started from. */
      const withPenalty = (lossD: tf.Scalar, psi: Params): tf.Scalar => {
        if (penalty === undefined) return lossD;
        const critic = (inputs: tf.Tensor): tf.Tensor => discriminator.apply(psi, state.discriminator, inputs as R, { training: true }).output;
        return tf.add(lossD, penalty({ critic, real: batch.real, fake, rng: batch.rng as Rng })) as tf.Scalar;
      };
      try {
        if (wantG) {
          const g = valueAndGradsOf(params.generator, (theta) => {
            const gen = generator.apply(theta, state.generator, batch.latents, { training: true });
            const d = discriminate(params.discriminator, state.discriminator, batch.real, gen.output);
            fake = keep(gen.output);
            gState = keepAll(gen.state);
            if (!wantD) {
              dState = keepAll(d.state);
              lossD = keep(loss.discriminator(d.logits));
            }
            return loss.generator(d.logits);
          });
          lossG = g.value;
          gradsG = g.grads;
          if (!wantD) {
            lossD = release(lossD);
            // Ω outside G's tape: it adds to D's reported loss, never to G's gradient.
            lossD = withPenalty(lossD, params.discriminator);
          }
        } else {
          const gen = generator.apply(params.generator, state.generator, batch.latents, { training: true });
          fake = gen.output;
          gState = keepAll(gen.state);
        }
        if (wantD || !wantG) {
          const lossOfD = (psi: Params): tf.Scalar => {
            const d = discriminate(psi, state.discriminator, batch.real, fake);
            dState = keepAll(d.state);
            if (!wantG) lossG = keep(loss.generator(d.logits));
            return withPenalty(loss.discriminator(d.logits), psi);
          };
          if (wantD) {
            const d = valueAndGradsOf(params.discriminator, lossOfD);
            lossD = d.value;
            gradsD = d.grads;
          } else {
            lossD = lossOfD(params.discriminator);
          }
          if (!wantG) lossG = release(lossG);
        }
      } catch (error) {
        const inputs = treeTensors(state);
        for (const t of kept) if (!inputs.has(t) && !t.isDisposed) t.dispose();
        throw error;
      }
      if (wantG) fake.dispose();
      return {
        grads: { generator: gradsG, discriminator: gradsD },
        losses: { generator: lossG, discriminator: lossD },
        state: { generator: gState, discriminator: dState },
      };
    });

  return {
    latentSize,
    init(rng) {
      const g = generator.init(rng.fold('generator'));
      const d = discriminator.init(rng.fold('discriminator'));
      return { params: { generator: g.params, discriminator: d.params }, state: { generator: g.state, discriminator: d.state } };
    },
    latents: (rng, count) => rng.normal([count, latentSize]) as tf.Tensor2D,
    gradients(batch, initial) {
      if (penalty !== undefined && batch.rng === undefined) {
        throw new SaddleError('a game with a penalty needs the batch\'s rng (for the penalty\'s random draws)', {
          code: 'INVALID_ARGUMENT', field: 'rng', value: undefined, fix: "pass { real, latents, rng: rng.fold('penalty').fold(step) }",
        });
      }
      let current = initial;
      const gradFn: GameGradientFn = (params, request) => {
        const players = request?.players ?? ['generator', 'discriminator'];
        const out = evaluate(params, current, batch, players.includes('generator'), players.includes('discriminator'));
        disposeReplaced(current, [out.state, initial]);
        current = out.state;
        return { grads: out.grads, losses: out.losses };
      };
      return { gradFn, state: () => current };
    },
    generate(params, state, latents) {
      const out = generator.apply(params.generator, state.generator, latents, { training: false });
      disposeReplaced(out.state, state.generator);
      return out.output;
    },
  };
}

/** Moves a kept tensor into the current tidy scope (a tracked clone; the kept original is freed). */
function release<T extends tf.Tensor>(kept: T): T {
  const tracked = tf.clone(kept);
  kept.dispose();
  return tracked;
}
