import * as tf from '@tensorflow/tfjs-core';

/**
 * 2×2 average pooling with stride 2 in NHWC (PyTorch `F.avg_pool2d(x, 2)`):
 * y[i, j] = ¼ Σ_{a,b ∈ {0,1}} x[2i + a, 2j + b].
 *
 * @example
 * ```ts
 * const y = avgPool2x(x); // [n, 32, 32, c] → [n, 16, 16, c]
 * ```
 */
export function avgPool2x(x: tf.Tensor4D): tf.Tensor4D {
  return tf.avgPool(x, 2, 2, 'valid');
}

/**
 * Global sum pooling over the spatial axes (the SNGAN discriminator's `torch.sum(h, dim=(2, 3))`):
 * y[n, c] = Σ_{h,w} x[n, h, w, c].
 *
 * @example
 * ```ts
 * const features = globalSumPool(h); // [n, 4, 4, c] → [n, c]
 * ```
 */
export function globalSumPool(x: tf.Tensor4D): tf.Tensor2D {
  return tf.sum(x, [1, 2]);
}
