import type * as tf from '@tensorflow/tfjs-core';
import type { Params } from './params.js';

/**
 * A per-player gradient transformation in the optax style: `init` builds the optimizer state
 * from the parameters, `update` maps raw gradients to the updates that `applyUpdates` adds.
 * Sign convention: updates are **added** to the parameters, so descent transformations
 * negate (e.g. `scaleByLearningRate(lr)` returns −lr·g).
 *
 * Ownership: `update` does not dispose `updates`, `state` or `params`; it returns new tensors
 * (or the same ones, untouched) that the caller owns.
 *
 * @example
 * ```ts
 * const opt = chain(scaleByAdam({ beta1: 0.5 }), scaleByLearningRate(2e-4));
 * let state = opt.init(params);
 * const { updates, state: next } = opt.update(grads, state, params);
 * ```
 */
export interface GradientTransformation<S extends tf.TensorContainer = tf.TensorContainer> {
  init(params: Params): S;
  update(updates: Params, state: S, params?: Params): { updates: Params; state: S };
}
