import * as tf from '@tensorflow/tfjs-core';
import { treeMap, treeZerosLike, treeZip, type GradientTransformation, type Params } from '@saddle/core';
import { checkPositive } from './internal/checks.js';

/**
 * Weights of the optimistic correction.
 *
 * @example
 * ```ts
 * const options: OptimisticOptions = { alpha: 1, beta: 1 }; // OGDA: θ ← θ − 2η·g_t + η·g_{t−1}
 * const opt = chain(scaleByOptimisticGradient(options), scaleByLearningRate(0.1));
 * ```
 */
export interface OptimisticOptions {
  /** α, the weight of the plain gradient step (default 1). */
  readonly alpha?: number;
  /** β, the optimism: the weight of the correction g_t − g_{t−1} (default 1). */
  readonly beta?: number;
}

/**
 * The optimistic state: a copy of the previous input g_{t−1} (zeros before the first update).
 *
 * @example
 * ```ts
 * const state: OptimisticState = scaleByOptimisticGradient().init(params); // previous: zeros like params
 * ```
 */
export type OptimisticState = { readonly previous: Params };

/**
 * The optimistic correction (optax's `scale_by_optimistic_gradient`):
 *   u_t = (α+β)·g_t − β·g_{t−1},  g_{−1} = 0.
 * With α = β = 1 and `scaleByLearningRate(η)` after it, θ_{t+1} = θ_t − 2η·g_t + η·g_{t−1}: OGDA as
 * coded in Gidel et al.'s `optim/omd.py` (papers §5.1). Placed after `scaleByAdam`, g is Adam's
 * bias-corrected direction (optimistic Adam). The output keeps the input's sign. Updates and
 * state (a copy of g_t) are new tensors the caller owns.
 *
 * @example
 * ```ts
 * const ogdaStep = chain(scaleByOptimisticGradient(), scaleByLearningRate(0.1));
 * ```
 * @see Daskalakis et al., "Training GANs with Optimism", 2018
 * @see Popov, "A modification of the Arrow–Hurwicz method for search of saddle points", 1980
 */
export function scaleByOptimisticGradient(options: OptimisticOptions = {}): GradientTransformation<OptimisticState> {
  const { alpha = 1, beta = 1 } = options;
  checkPositive('alpha', alpha);
  checkPositive('beta', beta);
  return {
    init: (params) => ({ previous: treeZerosLike(params) }),
    update(grads, state) {
      const updates = treeZip([grads, state.previous], ([g, p]) => tf.sub(tf.mul(g as tf.Tensor, alpha + beta), tf.mul(p as tf.Tensor, beta)));
      return { updates, state: { previous: treeMap(grads, (g) => tf.clone(g)) } };
    },
  };
}
