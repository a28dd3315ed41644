import * as tf from '@tensorflow/tfjs-core';

/**
 * A fully connected layer y = x K + b, with the kernel K stored [in, out] (the transpose of PyTorch's
 * `nn.Linear.weight`, which is [out, in]). Pass no bias for `bias=False` layers.
 * Returns a new tensor; the inputs are not disposed.
 *
 * @example
 * ```ts
 * const y = dense(x, params['l1/kernel'], params['l1/bias']); // [n, in] → [n, out]
 * ```
 */
export function dense(x: tf.Tensor, kernel: tf.Tensor, bias?: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const y = tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
    return (bias === undefined ? y : tf.add(y, bias)) as tf.Tensor2D;
  });
}
