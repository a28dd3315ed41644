import type * as tf from '@tensorflow/tfjs-core';
import type { GanLoss, LogitPair } from '@saddle/core';

/**
 * How a loss is reduced over the batch: `'mean'` gives the scalar each player minimizes;
 * `'none'` gives the per-sample terms ℓ_i, shape [n], whose mean is the `'mean'` loss.
 *
 * @example
 * ```ts
 * const reduction: Reduction = 'none';
 * const terms = hinge.discriminator({ realLogits, fakeLogits }, { reduction }); // [n]
 * ```
 */
export type Reduction = 'mean' | 'none';

/**
 * Options of one loss evaluation.
 *
 * @example
 * ```ts
 * const perSample: ReductionOptions = { reduction: 'none' };
 * ```
 */
export interface ReductionOptions {
  /** Default `'mean'`. */
  readonly reduction?: Reduction;
}

/**
 * A `GanLoss` whose players' losses are also available per sample (`{ reduction: 'none' }`),
 * for per-sample weighting, diagnostics and tests. Every loss of this package is one; it is
 * usable wherever a `GanLoss` is.
 *
 * Per-sample terms pair real sample i with generated sample i wherever both enter one term, so
 * `'none'` needs equal batch sizes there (the relativistic-paired family always does).
 * Every call checks its logits and throws a `SaddleError` naming the field for shapes other
 * than [n] and [n, 1], an empty batch, or NaN/±∞ logits; the last check reads the logits back
 * synchronously (n floats: microseconds on cpu and wasm, a pipeline sync on WebGL).
 * Ownership: the caller owns the returned tensor; inputs are never disposed.
 *
 * @example
 * ```ts
 * const perSample = rsGan.discriminator({ realLogits, fakeLogits }, { reduction: 'none' }); // [n]
 * const scalar = rsGan.discriminator({ realLogits, fakeLogits });                        // mean of it
 * ```
 */
export interface PerSampleGanLoss extends GanLoss {
  discriminator(input: LogitPair, options?: { readonly reduction?: 'mean' }): tf.Scalar;
  discriminator(input: LogitPair, options: { readonly reduction: 'none' }): tf.Tensor1D;
  discriminator(input: LogitPair, options?: ReductionOptions): tf.Scalar | tf.Tensor1D;
  generator(input: LogitPair, options?: { readonly reduction?: 'mean' }): tf.Scalar;
  generator(input: LogitPair, options: { readonly reduction: 'none' }): tf.Tensor1D;
  generator(input: LogitPair, options?: ReductionOptions): tf.Scalar | tf.Tensor1D;
}
