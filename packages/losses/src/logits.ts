import * as tf from '@tensorflow/tfjs-core';
import type { LogitPair } from '@saddle/core';
import { checkedLogits } from './internal/checks.js';

/**
 * Real and generated logits as [n] vectors, for writing a loss by hand. Refuses, with a
 * `SaddleError` naming the field: shapes other than [n] and [n, 1] (which would broadcast
 * silently), empty batches (`INVALID_ARGUMENT`), and NaN or ±∞ logits (`NON_FINITE`; this
 * reads the logits back synchronously, microseconds on cpu and wasm). The batch sizes may
 * differ. The caller owns the two results (reshapes of the inputs).
 *
 * @example
 * ```ts
 * const { real, fake } = flatLogits({ realLogits, fakeLogits }); // [n_real], [n_fake]
 * ```
 */
export function flatLogits({ realLogits, fakeLogits }: LogitPair): { real: tf.Tensor1D; fake: tf.Tensor1D } {
  return { real: checkedLogits(realLogits, 'realLogits'), fake: checkedLogits(fakeLogits, 'fakeLogits') };
}
