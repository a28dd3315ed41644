import * as tf from '@tensorflow/tfjs-core';

/**
 * Bilinear ×2 upsampling in NHWC with PyTorch's `F.interpolate(mode='bilinear', align_corners=False)`
 * (half-pixel centres): output pixel j reads the source coordinate s = (j + ½)/2 − ½, clamped below at 0,
 * and interpolates linearly between ⌊s⌋ and min(⌊s⌋ + 1, H − 1). For ×2 this is
 * y[2i] = ¼ x[i−1] + ¾ x[i] and y[2i+1] = ¾ x[i] + ¼ x[i+1], with edge replication.
 *
 * @example
 * ```ts
 * const y = upsampleBilinear2x(x); // [n, 4, 4, c] → [n, 8, 8, c]
 * ```
 */
export function upsampleBilinear2x(x: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = x.shape;
  return tf.image.resizeBilinear(x, [2 * h, 2 * w], false, true);
}
