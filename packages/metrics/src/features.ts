import type * as tf from '@tensorflow/tfjs-core';

/**
 * Features already on the host: row-major `values` of `shape` [n, d].
 *
 * @example
 * ```ts
 * const host: FeatureMatrix = { values: new Float32Array(100 * 2048), shape: [100, 2048] };
 * ```
 */
export interface FeatureMatrix {
  readonly values: Float32Array | Float64Array | readonly number[];
  readonly shape: readonly [number, number];
}

/**
 * `[n, d]` features or logits, one row per sample: a tensor (read with `await data()`; the
 * caller keeps ownership and disposes it) or a host matrix. All metric math runs in float64
 * on the host.
 *
 * @example
 * ```ts
 * const fromTensor: Features = await extractor.extract(images);
 * const fromHost: Features = { values: new Float32Array(n * 2048), shape: [n, 2048] };
 * ```
 */
export type Features = tf.Tensor2D | FeatureMatrix;
