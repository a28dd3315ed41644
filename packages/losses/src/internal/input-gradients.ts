import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import type { Critic } from '../critic.js';
import { checkFinite } from './checks.js';

/** Refuses samples that are not a non-empty, finite [n, ...] batch. */
export function checkSamples(samples: tf.Tensor, field: string): void {
  if (!(samples instanceof tf.Tensor) || samples.rank < 2) {
    throw new SaddleError('samples must be a batch tensor [n, ...features] of rank ≥ 2', {
      code: 'SHAPE_MISMATCH', field, value: samples instanceof tf.Tensor ? samples.shape : typeof samples,
      fix: 'pass the batch the critic is applied to, e.g. [n, 2] points or [n, h, w, c] images',
    });
  }
  if (samples.size === 0) {
    throw new SaddleError('the batch is empty', {
      code: 'INVALID_ARGUMENT', field, value: samples.shape, fix: 'pass at least one sample',
    });
  }
  checkFinite(samples, field, 'samples');
}

/**
 * ‖∇_x f(x_i)‖² per sample, shape [n]: the gradient of Σ_i f(x_i) with respect to the batch
 * (sample i's row is ∇f(x_i) when f treats samples independently), squared and summed over
 * every axis but the first. Differentiable with respect to what `critic` closes over.
 *
 * Nothing throws inside the gradient tape (tfjs would leak the tensors it saved): 0·Σx keeps the
 * batch on the tape, so a critic that ignores its input has the gradient 0, as it should, and a
 * critic with the wrong output shape is refused after the tape has run.
 */
export function squaredInputGradientNorms(critic: Critic, samples: tf.Tensor): tf.Tensor1D {
  const n = samples.shape[0] as number;
  let refused: unknown;
  const sumOfLogits = (x: tf.Tensor): tf.Scalar => {
    const logits = critic(x);
    const anchor: tf.Scalar = tf.mul(0, tf.sum(x));
    const ok = logits instanceof tf.Tensor && (logits.rank === 1 || (logits.rank === 2 && logits.shape[1] === 1)) && logits.shape[0] === n;
    if (!ok) {
      refused = logits instanceof tf.Tensor ? logits.shape : typeof logits;
      return anchor;
    }
    return tf.add(tf.sum(logits), anchor);
  };
  const gradient = tf.grad(sumOfLogits)(samples);
  if (refused !== undefined) {
    throw new SaddleError(`the critic must map a batch of ${String(n)} samples to ${String(n)} logits, [n] or [n, 1]`, {
      code: 'SHAPE_MISMATCH', field: 'critic', value: refused, fix: 'pass a critic that returns one logit per sample',
    });
  }
  return tf.sum(tf.square(gradient), [...Array(samples.rank).keys()].slice(1)) as tf.Tensor1D;
}
