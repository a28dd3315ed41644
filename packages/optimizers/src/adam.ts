import * as tf from '@tensorflow/tfjs-core';
import { treeMap, treeZerosLike, treeZip, type GradientTransformation, type Params } from '@saddle/core';
import { checkPositive, checkUnitInterval } from './internal/checks.js';

/**
 * Adam's hyper-parameters (PyTorch/optax defaults).
 *
 * @example
 * ```ts
 * const options: AdamOptions = { beta1: 0.5, beta2: 0.999 }; // the DCGAN recipe
 * const opt = chain(scaleByAdam(options), scaleByLearningRate(2e-4));
 * ```
 */
export interface AdamOptions {
  /** β1, decay of the first moment (default 0.9; GANs often use 0.5). */
  readonly beta1?: number;
  /** β2, decay of the second moment (default 0.999). */
  readonly beta2?: number;
  /** ε, added to √v̂ (outside the square root, as PyTorch and optax; default 1e-8). */
  readonly epsilon?: number;
  /** Divide the moments by 1 − β^t (default true; Gidel et al.'s bilinear Adam turns it off). */
  readonly biasCorrection?: boolean;
}

/**
 * Adam's state: the step count t and the moment estimates m, v.
 *
 * @example
 * ```ts
 * const state: AdamState = scaleByAdam().init(params); // count 0, mu and nu zeros like params
 * const m = state.mu['dense0/kernel'];
 * ```
 */
export type AdamState = {
  readonly count: number;
  readonly mu: Params;
  readonly nu: Params;
};

/**
 * Adam's direction, without the learning rate (chain `scaleByLearningRate` after it):
 *   m_t = β1 m_{t−1} + (1−β1) g,  v_t = β2 v_{t−1} + (1−β2) g²,
 *   u = m̂/(√v̂ + ε) with m̂ = m_t/(1−β1^t), v̂ = v_t/(1−β2^t)
 * (m̂ = m_t, v̂ = v_t with `biasCorrection: false`). The output keeps the gradient's sign;
 * `scaleByLearningRate` negates it. The step count is a host number, so bias correction costs
 * no tensor ops: u is computed as m_t/(√v_t·k₁ + k₂) with k₁ = (1−β1^t)/√(1−β2^t) and
 * k₂ = ε(1−β1^t), the same quantity with four kernels per tensor instead of five (equal to the
 * textbook order to float rounding, and exactly when bias correction is off).
 *
 * @example
 * ```ts
 * const opt = chain(scaleByAdam({ beta1: 0.5 }), scaleByLearningRate(2e-4));
 * const gidelBilinear = chain(scaleByAdam({ beta1: 0, beta2: 0.99, biasCorrection: false }), scaleByLearningRate(0.01));
 * ```
 * @see Kingma and Ba, "Adam: A Method for Stochastic Optimization", 2015
 */
export function scaleByAdam(options: AdamOptions = {}): GradientTransformation<AdamState> {
  const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, biasCorrection = true } = options;
  checkUnitInterval('beta1', beta1);
  checkUnitInterval('beta2', beta2);
  checkPositive('epsilon', epsilon);
  return {
    init: (params) => ({ count: 0, mu: treeZerosLike(params), nu: treeZerosLike(params) }),
    update(grads, state) {
      const count = state.count + 1;
      const correction1 = biasCorrection ? 1 - beta1 ** count : 1;
      const correction2 = biasCorrection ? 1 - beta2 ** count : 1;
      return tf.tidy(() => {
        // The coefficients as scalar tensors made once per update, not once per tensor and op:
        // a scalar made from a JS number costs as much as a small kernel.
        const [b1, c1, b2, c2, k1, k2] = [beta1, 1 - beta1, beta2, 1 - beta2, correction1 / Math.sqrt(correction2), epsilon * correction1]
          .map((value) => tf.scalar(value)) as [tf.Scalar, tf.Scalar, tf.Scalar, tf.Scalar, tf.Scalar, tf.Scalar];
        const mu = treeZip([state.mu, grads], ([m, g]) => tf.add(tf.mul(m as tf.Tensor, b1), tf.mul(g as tf.Tensor, c1)));
        const nu = treeZip([state.nu, grads], ([v, g]) => tf.add(tf.mul(v as tf.Tensor, b2), tf.mul(tf.square(g as tf.Tensor), c2)));
        // m̂/(√v̂ + ε) = m_t/(√v_t·k₁ + k₂), multiplying through by 1 − β1^t.
        const updates = treeMap(mu, (m, name) => tf.div(m, tf.add(tf.mul(tf.sqrt(nu[name] as tf.Tensor), k1), k2)));
        return { updates, state: { count, mu, nu } };
      });
    },
  };
}
