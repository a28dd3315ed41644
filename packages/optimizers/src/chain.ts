import * as tf from '@tensorflow/tfjs-core';
import type { GradientTransformation, Params } from '@saddle/core';

/**
 * Composes transformations left to right: the updates of one feed the next (optax's `chain`),
 * u = T_k(…T_2(T_1(g))), each part receiving the same `params`. The sign is whatever the parts
 * make it (`scaleByLearningRate` negates). The state is the array of the parts' states.
 * Intermediate updates are disposed; the caller owns the result.
 *
 * @example
 * ```ts
 * const adamW = chain(scaleByAdam(), scaleByLearningRate(1e-3));
 * ```
 * @see Babuschkin et al., "The DeepMind JAX Ecosystem" (optax), 2020
 */
export function chain(...parts: readonly GradientTransformation[]): GradientTransformation<tf.TensorContainer[]> {
  return {
    init: (params) => parts.map((p) => p.init(params)),
    update(updates, state, params) {
      return tf.tidy(() => {
        let current: Params = updates;
        const next = parts.map((part, i) => {
          const out = part.update(current, state[i] as tf.TensorContainer, params);
          current = out.updates;
          return out.state;
        });
        return { updates: current, state: next };
      });
    },
  };
}
