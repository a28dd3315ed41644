import type * as tf from '@tensorflow/tfjs-core';

/**
 * How images are prepared before feature extraction, stated so results are comparable.
 *
 * @example
 * ```ts
 * const fidInception: Preprocessing = { size: 299, resize: 'bilinear-tf1', range: [0, 255] };
 * ```
 */
export interface Preprocessing {
  /** Side of the square input in pixels (299 for the FID Inception network). */
  readonly size: number;
  /** Resize method, e.g. `"bilinear-tf1"` (no half-pixel centres) or `"bilinear-torch"`. */
  readonly resize: string;
  /** Expected input value range, e.g. `[0, 255]`. */
  readonly range: readonly [number, number];
}

/**
 * A network that maps images to feature vectors, separated from the metric math (FID, KID)
 * so a metric can state exactly which extractor and weights it used.
 *
 * @example
 * ```ts
 * const features = await extractor.extract(images); // [n, extractor.featureSize], caller disposes
 * ```
 */
export interface FeatureExtractor {
  /** Extractor and weights id, e.g. `"inception-v3-compat-2015-12-05"`. */
  readonly name: string;
  readonly featureSize: number;
  readonly preprocessing: Preprocessing;
  extract(images: tf.Tensor4D): Promise<tf.Tensor2D>;
  dispose(): void;
}
