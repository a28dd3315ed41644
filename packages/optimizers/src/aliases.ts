import type { GradientTransformation } from '@saddle/core';
import { scaleByAdam, type AdamOptions } from './adam.js';
import { chain } from './chain.js';
import { scaleByLearningRate } from './learning-rate.js';

/**
 * Plain gradient descent, θ ← θ − η·g.
 *
 * @example
 * ```ts
 * const opt = sgd({ learningRate: 0.1 });
 * ```
 */
export function sgd(options: { readonly learningRate: number }): GradientTransformation {
  return scaleByLearningRate(options.learningRate);
}

/**
 * Adam: `chain(scaleByAdam(options), scaleByLearningRate(learningRate))`.
 *
 * @example
 * ```ts
 * const opt = adam({ learningRate: 2e-4, beta1: 0.5, beta2: 0.999 }); // the DCGAN recipe
 * ```
 * @see Kingma and Ba, "Adam: A Method for Stochastic Optimization", 2015
 */
export function adam(options: AdamOptions & { readonly learningRate: number }): GradientTransformation {
  return chain(scaleByAdam(options), scaleByLearningRate(options.learningRate));
}
