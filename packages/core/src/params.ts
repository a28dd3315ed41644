import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from './rng.js';

/**
 * A flat, named map of tensors: a module's parameters or its non-trainable state.
 * Names are stable paths such as `"block1/conv/kernel"`; checkpoints are these maps on disk.
 *
 * @example
 * ```ts
 * const params: Params = { 'dense0/kernel': tf.zeros([2, 8]), 'dense0/bias': tf.zeros([8]) };
 * const count = Object.values(params).reduce((n, t) => n + t.size, 0); // 24
 * ```
 */
export type Params = Readonly<Record<string, tf.Tensor>>;

/**
 * Options of one `Module.apply` call.
 *
 * @example
 * ```ts
 * const options: ApplyOptions = { training: true, rng: createRng(0).fold('dropout') };
 * const { output, state: next } = generator.apply(params, state, z, options);
 * ```
 */
export interface ApplyOptions {
  /** Training mode: batch statistics for batch norm, one power iteration for spectral norm. */
  readonly training: boolean;
  /** Randomness for stochastic layers (dropout); absent means deterministic. */
  readonly rng?: Rng;
}

/**
 * A network as a pair of pure functions over explicit parameters (Haiku/Flax style).
 * `apply` never disposes its inputs; it returns new tensors the caller owns.
 *
 * @example
 * ```ts
 * const { params, state } = mlp.init(createRng(0));
 * const { output } = mlp.apply(params, state, z, { training: true });
 * ```
 */
export interface Module<I extends tf.Tensor = tf.Tensor, O extends tf.Tensor = tf.Tensor> {
  init(rng: Rng): { params: Params; state: Params };
  apply(params: Params, state: Params, input: I, options: ApplyOptions): { output: O; state: Params };
}

/**
 * The two players of a GAN.
 *
 * @example
 * ```ts
 * const player: Player = 'discriminator';
 * const lossOf = (losses: PerPlayer<tf.Scalar>) => losses[player];
 * ```
 */
export type Player = 'generator' | 'discriminator';

/**
 * The two players, in a fixed order used for iteration and reports.
 *
 * @example
 * ```ts
 * for (const player of PLAYERS) console.log(player, (await out.losses[player].data())[0]);
 * ```
 */
export const PLAYERS: readonly Player[] = ['generator', 'discriminator'];

/**
 * One value per player.
 *
 * @example
 * ```ts
 * const learningRates: PerPlayer<number> = { generator: 1e-4, discriminator: 4e-4 };
 * ```
 */
export type PerPlayer<T> = Readonly<Record<Player, T>>;
