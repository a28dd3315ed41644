import * as tf from '@tensorflow/tfjs-core';
import { treeZerosLike, treeZip, type GradientTransformation, type Params } from '@saddle/core';
import { checkPositive, checkUnitInterval } from './internal/checks.js';

/**
 * RMSProp's hyper-parameters (PyTorch defaults).
 *
 * @example
 * ```ts
 * const options: RmsPropOptions = { decay: 0.99, epsilon: 1e-8 }; // PyTorch's defaults
 * const opt = chain(scaleByRmsProp(options), scaleByLearningRate(5e-5)); // WGAN's optimizer
 * ```
 */
export interface RmsPropOptions {
  /** ρ, the decay of the squared-gradient average, in [0, 1) (default 0.99). */
  readonly decay?: number;
  /** ε, added to √v outside the square root as in PyTorch (default 1e-8). */
  readonly epsilon?: number;
}

/**
 * RMSProp's state: the running average v of g².
 *
 * @example
 * ```ts
 * const state: RmsPropState = scaleByRmsProp().init(params); // nu: zeros like params
 * ```
 */
export type RmsPropState = { readonly nu: Params };

/**
 * RMSProp's direction, without the learning rate (PyTorch's `RMSprop`, not centred):
 *   v_t = ρ·v_{t−1} + (1−ρ)·g²  (v_0 = 0),  u = g/(√v_t + ε).
 * The output keeps the gradient's sign; chain `scaleByLearningRate` after it. Updates and state
 * are new tensors the caller owns.
 *
 * @example
 * ```ts
 * const opt = chain(scaleByRmsProp({ decay: 0.9 }), scaleByLearningRate(5e-5)); // the WGAN recipe
 * ```
 * @see Tieleman and Hinton, "Lecture 6.5 — RMSProp", COURSERA: Neural Networks for Machine Learning, 2012
 */
export function scaleByRmsProp(options: RmsPropOptions = {}): GradientTransformation<RmsPropState> {
  const { decay = 0.99, epsilon = 1e-8 } = options;
  checkUnitInterval('decay', decay);
  checkPositive('epsilon', epsilon);
  return {
    init: (params) => ({ nu: treeZerosLike(params) }),
    update(grads, state) {
      const nu = treeZip([state.nu, grads], ([v, g]) => tf.add(tf.mul(v as tf.Tensor, decay), tf.mul(tf.square(g as tf.Tensor), 1 - decay)));
      const updates = treeZip([grads, nu], ([g, v]) => tf.div(g as tf.Tensor, tf.add(tf.sqrt(v as tf.Tensor), epsilon)));
      return { updates, state: { nu } };
    },
  };
}
