import * as tf from '@tensorflow/tfjs-core';
import type { ConvGeometry } from './conv2d.js';

/**
 * A transposed 2-D convolution in NHWC with PyTorch `nn.ConvTranspose2d(k, s, p)` semantics:
 * H_out = (H − 1)·s − 2p + k (so k = 4, s = 2, p = 1 doubles the size). It is the gradient of the
 * convolution with the same kernel, stride and padding; the kernel is tfjs's [kh, kw, out, in]
 * (a PyTorch IOHW weight [in, out, kh, kw] maps to it by the permutation [2, 3, 1, 0], without a flip).
 *
 * @example
 * ```ts
 * const y = conv2dTranspose(x, kernel, bias, { stride: 2, padding: 1 }); // [n, 4, 4, 512] → [n, 8, 8, 256]
 * ```
 */
export function conv2dTranspose(x: tf.Tensor4D, kernel: tf.Tensor, bias: tf.Tensor | undefined, { stride, padding }: ConvGeometry): tf.Tensor4D {
  const [kh, kw, out] = kernel.shape as [number, number, number, number];
  const [n, h, w] = x.shape;
  const shape: [number, number, number, number] = [n, (h - 1) * stride - 2 * padding + kh, (w - 1) * stride - 2 * padding + kw, out];
  return tf.tidy(() => {
    const y = tf.conv2dTranspose(x, kernel as tf.Tensor4D, shape, stride, padding);
    return bias === undefined ? y : tf.add(y, bias);
  });
}
