import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, treeZip, type GradientTransformation } from '@saddle/core';
import { checkPositive } from './internal/checks.js';

/**
 * Weight clipping (WGAN's projection onto the box [−c, c]) as the last link of a chain. It
 * needs `params` in `update` and returns the update that lands on the clipped point:
 *   u' = u                 where |θ + u| ≤ c,
 *   u' = clip(θ + u) − θ   elsewhere,
 * so `applyUpdates(θ, u')` = clip(θ + u, −c, c): exactly for leaves inside the box (u passes
 * through bit for bit) and to within one rounding of c for clipped ones. Its input is a signed
 * update, so it comes after `scaleByLearningRate`. In a game optimizer that takes two updates from
 * one point (extragradient), both the extrapolated and the final point are projected. Returns
 * new tensors the caller owns.
 *
 * @example
 * ```ts
 * const critic = chain(scaleByRmsProp(), scaleByLearningRate(5e-5), clipWeights(0.01)); // WGAN
 * ```
 * @see Arjovsky, Chintala and Bottou, "Wasserstein Generative Adversarial Networks", 2017
 * @see docs/decisions/0004-weight-clipping-as-a-transformation.md
 */
export function clipWeights(bound: number): GradientTransformation<Record<string, never>> {
  checkPositive('bound', bound);
  return {
    init: () => ({}),
    update(updates, state, params) {
      if (params === undefined) {
        throw new SaddleError('clipWeights needs the parameters', {
          code: 'INVALID_ARGUMENT', field: 'params', value: params,
          fix: 'call update(updates, state, params) with the current parameters (game optimizers do)',
        });
      }
      const projected = treeZip([updates, params], ([u, theta]) => {
        const next = tf.add(theta as tf.Tensor, u as tf.Tensor);
        const outside = tf.greater(tf.abs(next), bound);
        return tf.where(outside, tf.sub(tf.clipByValue(next, -bound, bound), theta as tf.Tensor), u as tf.Tensor);
      });
      return { updates: projected, state };
    },
  };
}
