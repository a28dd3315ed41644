import type * as tf from '@tensorflow/tfjs-core';

/**
 * Discriminator logits on a real and a generated batch, by name (never positional).
 *
 * @example
 * ```ts
 * const pair: LogitPair = { realLogits: discriminator(x), fakeLogits: discriminator(generator(z)) };
 * const lossD = rsGan.discriminator(pair);
 * ```
 */
export interface LogitPair {
  /** f(x_i): logits on real samples, shape [n] or [n, 1]. */
  readonly realLogits: tf.Tensor;
  /** f(y_i) with y_i = G(z_i): logits on generated samples, shape [n] or [n, 1]. */
  readonly fakeLogits: tf.Tensor;
}

/**
 * A GAN loss as a pair of per-player objectives, each **minimized** by its player
 * (Sun, Fang, Schwing 2020 notation: f is the discriminator logit).
 *
 * @example
 * ```ts
 * const lossD = jsGan.discriminator({ realLogits, fakeLogits });
 * const lossG = jsGan.generator({ realLogits, fakeLogits });
 * ```
 */
export interface GanLoss {
  readonly name: string;
  discriminator(input: LogitPair): tf.Scalar;
  generator(input: LogitPair): tf.Scalar;
}
