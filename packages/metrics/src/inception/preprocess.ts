import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';

/**
 * How images become Inception input:
 * - `'tf1'` (default; the TF graph, TTUR/OpenAI code, torch-fidelity): uint8 → TF1 bilinear resize to
 *   299 (`align_corners=False`, no half-pixel centres) → (x − 128)/128;
 * - `'torch'` (pytorch-fid): x/255 → `F.interpolate(size=299, mode='bilinear', align_corners=False)`
 *   (half-pixel centres) → 2x − 1.
 * They differ slightly, so statistics of different protocols must not be compared.
 *
 * @example
 * ```ts
 * const protocol: InceptionProtocol = 'tf1';
 * ```
 */
export type InceptionProtocol = 'tf1' | 'torch';

/**
 * Input side of the FID Inception network.
 *
 * @example
 * ```ts
 * preprocessForInception(images).shape; // [n, INCEPTION_SIZE, INCEPTION_SIZE, 3]
 * ```
 */
export const INCEPTION_SIZE = 299;

/**
 * TF1 `ResizeBilinear` with `align_corners=False` and `half_pixel_centers=False` (the legacy TF1
 * formula the 2015-12-05 graph uses): for output row r, the source row is y = r·H_in/H_out (no
 * half-pixel offset), y₀ = ⌊y⌋, y₁ = min(y₀ + 1, H_in − 1), and likewise for columns; the value is
 * top + (bottom − top)·(y − y₀) with top/bottom interpolated along x the same way. Float32 NHWC in
 * and out; returns a new tensor.
 *
 * @example
 * ```ts
 * const big = resizeBilinearTf1(images, [299, 299]); // [n, 32, 32, 3] → [n, 299, 299, 3]
 * ```
 */
export function resizeBilinearTf1(images: tf.Tensor4D, size: readonly [number, number]): tf.Tensor4D {
  return tf.image.resizeBilinear(images, [size[0], size[1]], false, false);
}

/**
 * PyTorch's `F.interpolate(mode='bilinear', align_corners=False)` (no antialiasing): the source row is
 * y = max(0, (r + ½)·H_in/H_out − ½), then the same two-tap interpolation as `resizeBilinearTf1`.
 * Float32 NHWC in and out; returns a new tensor.
 *
 * @example
 * ```ts
 * const big = resizeBilinearTorch(images, [299, 299]);
 * ```
 */
export function resizeBilinearTorch(images: tf.Tensor4D, size: readonly [number, number]): tf.Tensor4D {
  return tf.image.resizeBilinear(images, [size[0], size[1]], false, true);
}

/**
 * Prepares uint8-valued images ([n, h, w, 3] or grayscale [n, h, w, 1], values 0–255, NHWC, any
 * numeric dtype) as Inception input [n, 299, 299, 3] in [−1, 1] under `protocol` (see
 * `InceptionProtocol`). Grayscale is repeated to 3 channels. Returns a new float32 tensor.
 *
 * @example
 * ```ts
 * const x = preprocessForInception(uint8Images, 'tf1'); // (resizeTf1(x) − 128)/128
 * ```
 */
export function preprocessForInception(images: tf.Tensor4D, protocol: InceptionProtocol = 'tf1', size = INCEPTION_SIZE): tf.Tensor4D {
  if (images.rank !== 4 || (images.shape[3] !== 1 && images.shape[3] !== 3)) {
    throw new SaddleError(`images must be [n, height, width, 3 or 1], got [${images.shape.join(', ')}]`, {
      code: 'SHAPE_MISMATCH', field: 'images', value: images.shape, fix: 'pass NHWC images with 3 (RGB) or 1 (grayscale) channels, values 0–255',
    });
  }
  if (protocol !== 'tf1' && protocol !== 'torch') {
    throw new SaddleError(`unknown protocol ${String(protocol)}`, { code: 'INVALID_ARGUMENT', field: 'protocol', value: protocol, fix: "use 'tf1' or 'torch'" });
  }
  return tf.tidy(() => {
    let x: tf.Tensor4D = tf.cast(images, 'float32');
    if (x.shape[3] === 1) x = tf.tile(x, [1, 1, 1, 3]);
    if (protocol === 'tf1') return tf.sub(tf.mul(resizeBilinearTf1(x, [size, size]), 1 / 128), 1);
    return tf.sub(tf.mul(resizeBilinearTorch(tf.div(x, 255), [size, size]), 2), 1);
  });
}

/**
 * Generator output in [−1, 1] to uint8 values: clip(round((x + 1)/2 · 255), 0, 255), rounding half to
 * even as NumPy does (truncating instead, as some evaluation scripts do, biases every pixel down by
 * ½ on average). Returns a new int32 tensor of the same shape.
 *
 * @example
 * ```ts
 * const images = quantizeToUint8(generator.apply(params, state, z).output); // NHWC, tanh output
 * ```
 */
export function quantizeToUint8(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.cast(tf.clipByValue(tf.round(tf.mul(tf.add(x, 1), 127.5)), 0, 255), 'int32'));
}
