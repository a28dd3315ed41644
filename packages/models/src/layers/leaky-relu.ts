import * as tf from '@tensorflow/tfjs-core';

/**
 * Leaky ReLU y = max(x, αx) for 0 ≤ α < 1. The RS-GAN discriminators use α = 0.1; DCGAN uses 0.2.
 *
 * @example
 * ```ts
 * const y = leakyRelu(x, 0.1);
 * ```
 * @see Maas et al., "Rectifier Nonlinearities Improve Neural Network Acoustic Models", 2013
 */
export function leakyRelu(x: tf.Tensor, alpha: number): tf.Tensor {
  return tf.leakyRelu(x, alpha);
}
