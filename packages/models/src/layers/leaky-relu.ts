import * as tf from '@tensorflow/tfjs-core';

/**
 * Leaky ReLU y = max(x, αx) for 0 ≤ α < 1. The RS-GAN discriminators use α = 0.1; DCGAN uses 0.2.
 *
 * Computed as y = x·s with the slope s = step(x, α) (1 where x > 0, α elsewhere), and
 * dy/dx = s, from kernels that do not branch per element: tfjs's wasm LeakyRelu and the
 * Greater/Select of its gradient branch on each sign and run 5–10× slower than Step and Multiply
 * on random-signed activations. The values are `tf.leakyRelu`'s bit for bit on wasm (x·1 = x and
 * float32 α·x) and within one float32 rounding on cpu (whose kernel rounds α·x from float64).
 * The backward pass recomputes s from the saved x, so an outer gradient (a penalty on ∂D/∂x)
 * reaches x through it, with Step's zero derivative, as through tfjs's own gradient.
 *
 * @example
 * ```ts
 * const y = leakyRelu(x, 0.1);
 * ```
 * @see Maas et al., "Rectifier Nonlinearities Improve Neural Network Acoustic Models", 2013
 */
export function leakyRelu(x: tf.Tensor, alpha: number): tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([input]);
    return {
      value: tf.mul(input, tf.step(input, alpha)),
      gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.mul(dy, tf.step(saved as tf.Tensor, alpha)),
    };
  }) as (x: tf.Tensor) => tf.Tensor;
  return op(x);
}
