import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from './rng.js';

/**
 * A flat, named map of tensors: a module's parameters or its non-trainable state.
 * Names are stable paths such as `"block1/conv/kernel"`; checkpoints are these maps on disk.
 */
export type Params = Readonly<Record<string, tf.Tensor>>;

/** Options of one `Module.apply` call. */
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

/** The two players of a GAN. */
export type Player = 'generator' | 'discriminator';

/** The two players, in a fixed order used for iteration and reports. */
export const PLAYERS: readonly Player[] = ['generator', 'discriminator'];

/** One value per player. */
export type PerPlayer<T> = Readonly<Record<Player, T>>;
