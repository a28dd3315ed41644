import * as tf from '@tensorflow/tfjs-core';
import { treeMap, treeSquaredNorm, type GradientTransformation } from '@saddle/core';
import { checkPositive } from './internal/checks.js';

/**
 * Gradient clipping by global norm: rescales all leaves together so that their joint L2 norm
 * is at most c,
 *   g ← g · c / max(‖g‖, c),  ‖g‖ = √(Σ_leaves ‖g_leaf‖²),
 * which keeps the direction and leaves small gradients untouched. Computed on the device (no
 * read-back). Stateless; sign-preserving, so place it before `scaleByLearningRate`. Returns new
 * tensors the caller owns.
 *
 * @example
 * ```ts
 * const opt = chain(clipByGlobalNorm(1), scaleByAdam({ beta1: 0.5 }), scaleByLearningRate(2e-4));
 * ```
 * @see Pascanu, Mikolov and Bengio, "On the difficulty of training recurrent neural networks", 2013
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<Record<string, never>> {
  checkPositive('maxNorm', maxNorm);
  return {
    init: () => ({}),
    update(updates, state) {
      const scale = tf.tidy(() => tf.div(maxNorm, tf.maximum(tf.sqrt(treeSquaredNorm(updates)), maxNorm)));
      const clipped = treeMap(updates, (g) => tf.mul(g, scale));
      scale.dispose();
      return { updates: clipped, state };
    },
  };
}
