import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import type { Reduction } from '../reduction.js';

/**
 * A batch of one logit per sample as an [n] vector, after checking that it is [n] or [n, 1]
 * (anything else would broadcast silently), non-empty and finite. The finiteness check reads
 * the n values back synchronously: a loss must return synchronously from inside a gradient
 * tape, and on cpu and wasm the read costs microseconds.
 */
export function checkedLogits(logits: tf.Tensor, field: string): tf.Tensor1D {
  if (!(logits instanceof tf.Tensor)) {
    throw new SaddleError('logits must be a tf.Tensor', {
      code: 'INVALID_ARGUMENT', field, value: typeof logits, fix: 'pass the discriminator\'s output tensor',
    });
  }
  const ok = logits.rank === 1 || (logits.rank === 2 && logits.shape[1] === 1);
  if (!ok) {
    throw new SaddleError('logits must be a non-empty [n] or [n, 1] tensor', {
      code: 'SHAPE_MISMATCH', field, value: logits.shape, fix: 'pass one logit per sample',
    });
  }
  if (logits.size === 0) {
    throw new SaddleError('the batch is empty (0 logits)', {
      code: 'INVALID_ARGUMENT', field, value: logits.shape, fix: 'pass at least one sample per batch',
    });
  }
  checkFinite(logits, field, 'logits');
  return tf.reshape(logits, [-1]);
}

/**
 * Refuses a tensor holding NaN or ±∞, naming the first bad element (a synchronous read, as in
 * `checkedLogits`).
 */
export function checkFinite(x: tf.Tensor, field: string, what: string): void {
  const values = x.dataSync();
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new SaddleError(`${what} must be finite, but element ${bad} of ${values.length} is ${String(values[bad])}`, {
      code: 'NON_FINITE', field, value: values[bad],
      fix: 'check the discriminator and data (non-finite logits usually mean training diverged: lower the learning rate)',
    });
  }
}

/**
 * Refuses real and generated batches of different sizes where sample i of one is paired with
 * sample i of the other.
 */
export function checkPaired(real: tf.Tensor1D, fake: tf.Tensor1D, loss: string, why: string): void {
  const [n] = real.shape;
  if (fake.shape[0] !== n) {
    throw new SaddleError(
      `${loss} pairs real sample i with generated sample i (${why}), so both batches need the same size; realLogits has ${String(n)}`,
      { code: 'SHAPE_MISMATCH', field: 'fakeLogits', value: fake.shape[0], fix: `pass ${String(n)} generated samples (draw as many latents as real samples)` },
    );
  }
}

/** Refuses anything but `'mean'` and `'none'`; `undefined` means `'mean'`. */
export function checkReduction(reduction: unknown): Reduction {
  if (reduction === undefined) return 'mean';
  if (reduction !== 'mean' && reduction !== 'none') {
    throw new SaddleError('unknown reduction', {
      code: 'INVALID_ARGUMENT', field: 'reduction', value: reduction, fix: "pass 'mean' (the default) or 'none' (per sample)",
    });
  }
  return reduction;
}

/** A finite number ≥ 0, for weights and targets. */
export function checkNonNegative(field: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new SaddleError('must be a finite number ≥ 0', { code: 'INVALID_ARGUMENT', field, value, fix: `pass ${field} ≥ 0` });
  }
}
