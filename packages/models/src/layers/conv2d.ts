import * as tf from '@tensorflow/tfjs-core';

/**
 * Stride and symmetric zero padding of a convolution, as in PyTorch's `nn.Conv2d(..., stride, padding)`.
 *
 * @example
 * ```ts
 * const downsample: ConvGeometry = { stride: 2, padding: 1 }; // 4×4 kernel halves H and W
 * const y = conv2d(x, kernel, bias, downsample);
 * ```
 */
export interface ConvGeometry {
  readonly stride: number;
  readonly padding: number;
}

/**
 * A 2-D convolution in NHWC with PyTorch geometry: kernel HWIO [kh, kw, in, out], symmetric zero
 * padding p and stride s, so H_out = ⌊(H + 2p − kh)/s⌋ + 1 (PyTorch `nn.Conv2d`; a PyTorch OIHW weight
 * maps to HWIO by the permutation [2, 3, 1, 0]). Returns a new tensor.
 *
 * @example
 * ```ts
 * const y = conv2d(x, kernel, bias, { stride: 2, padding: 1 }); // 4×4 kernel: [n, 32, 32, c] → [n, 16, 16, o]
 * ```
 */
export function conv2d(x: tf.Tensor4D, kernel: tf.Tensor, bias: tf.Tensor | undefined, { stride, padding }: ConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [padding, padding], [padding, padding], [0, 0]];
    const y = tf.conv2d(x, kernel as tf.Tensor4D, stride, pad);
    return bias === undefined ? y : tf.add(y, bias);
  });
}
