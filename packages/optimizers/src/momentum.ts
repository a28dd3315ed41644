import * as tf from '@tensorflow/tfjs-core';
import { treeMap, treeZerosLike, treeZip, type GradientTransformation, type Params } from '@saddle/core';
import { checkUnitInterval } from './internal/checks.js';

/**
 * Heavy-ball momentum's hyper-parameters.
 *
 * @example
 * ```ts
 * const options: MomentumOptions = { momentum: 0.9, nesterov: true };
 * const opt = chain(scaleByMomentum(options), scaleByLearningRate(0.01));
 * ```
 */
export interface MomentumOptions {
  /** μ, the decay of the velocity buffer, in [0, 1) (default 0.9). */
  readonly momentum?: number;
  /** Nesterov's look-ahead form (default false). */
  readonly nesterov?: boolean;
}

/**
 * Momentum's state: the velocity buffer b.
 *
 * @example
 * ```ts
 * const state: MomentumState = scaleByMomentum().init(params); // trace: zeros like params
 * ```
 */
export type MomentumState = { readonly trace: Params };

/**
 * Heavy-ball momentum in the PyTorch convention, without the learning rate:
 *   b_t = μ·b_{t−1} + g_t (b_0 = 0),  u = b_t, or u = g_t + μ·b_t with Nesterov.
 * The learning rate multiplies the buffer afterwards (θ ← θ − η·u), unlike the Sutskever/Keras
 * form v ← μv − ηg, so a scheduled η rescales past velocity too. The output keeps the gradient's
 * sign; chain `scaleByLearningRate` after it. Updates and state are distinct new tensors the
 * caller owns.
 *
 * @example
 * ```ts
 * const opt = chain(scaleByMomentum({ momentum: 0.9, nesterov: true }), scaleByLearningRate(0.01));
 * ```
 * @see Sutskever et al., "On the importance of initialization and momentum in deep learning", 2013
 * @see Polyak, "Some methods of speeding up the convergence of iteration methods", 1964
 */
export function scaleByMomentum(options: MomentumOptions = {}): GradientTransformation<MomentumState> {
  const { momentum = 0.9, nesterov = false } = options;
  checkUnitInterval('momentum', momentum);
  return {
    init: (params) => ({ trace: treeZerosLike(params) }),
    update(grads, state) {
      const trace = treeZip([state.trace, grads], ([b, g]) => tf.add(tf.mul(b as tf.Tensor, momentum), g as tf.Tensor));
      const updates = nesterov ? treeZip([grads, trace], ([g, b]) => tf.add(g as tf.Tensor, tf.mul(b as tf.Tensor, momentum))) : treeMap(trace, (b) => tf.clone(b));
      return { updates, state: { trace } };
    },
  };
}
