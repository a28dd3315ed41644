import type { GradientTransformation } from '@saddle/core';
import { scaleByAdam, type AdamOptions } from './adam.js';
import { chain } from './chain.js';
import { scaleByLearningRate } from './learning-rate.js';
import { scaleByMomentum, type MomentumOptions } from './momentum.js';
import { scaleByOptimisticGradient, type OptimisticOptions } from './optimistic.js';
import { scaleByRmsProp, type RmsPropOptions } from './rmsprop.js';
import type { Schedule } from './schedule.js';

/**
 * The step size of an alias: a number, or a schedule of the update count.
 *
 * @example
 * ```ts
 * const fixed: LearningRateOption = { learningRate: 1e-3 };
 * const decaying: LearningRateOption = { learningRate: linearDecaySchedule({ initial: 1e-3, decayEnd: 10_000 }) };
 * const opt = sgd(decaying);
 * ```
 */
export interface LearningRateOption {
  readonly learningRate: number | Schedule;
}

/**
 * Plain gradient descent, θ ← θ − η·g: `scaleByLearningRate(learningRate)`.
 *
 * @example
 * ```ts
 * const opt = sgd({ learningRate: 0.1 });
 * ```
 * @see Robbins and Monro, "A Stochastic Approximation Method", 1951
 */
export function sgd(options: LearningRateOption): GradientTransformation {
  return scaleByLearningRate(options.learningRate);
}

/**
 * SGD with heavy-ball momentum, PyTorch convention: b ← μ·b + g, θ ← θ − η·b (Nesterov:
 * θ ← θ − η·(g + μ·b)). `chain(scaleByMomentum(options), scaleByLearningRate(learningRate))`.
 *
 * @example
 * ```ts
 * const opt = momentum({ learningRate: 0.01, momentum: 0.9 });
 * ```
 * @see Sutskever et al., "On the importance of initialization and momentum in deep learning", 2013
 */
export function momentum(options: MomentumOptions & LearningRateOption): GradientTransformation {
  return chain(scaleByMomentum(options), scaleByLearningRate(options.learningRate));
}

/**
 * Adam: θ ← θ − η·m̂/(√v̂ + ε); `chain(scaleByAdam(options), scaleByLearningRate(learningRate))`.
 *
 * @example
 * ```ts
 * const opt = adam({ learningRate: 2e-4, beta1: 0.5, beta2: 0.999 }); // the DCGAN recipe
 * ```
 * @see Kingma and Ba, "Adam: A Method for Stochastic Optimization", 2015
 */
export function adam(options: AdamOptions & LearningRateOption): GradientTransformation {
  return chain(scaleByAdam(options), scaleByLearningRate(options.learningRate));
}

/**
 * RMSProp: v ← ρ·v + (1−ρ)·g², θ ← θ − η·g/(√v + ε);
 * `chain(scaleByRmsProp(options), scaleByLearningRate(learningRate))`.
 *
 * @example
 * ```ts
 * const critic = rmsprop({ learningRate: 5e-5 }); // WGAN (add clipWeights(0.01) with chain)
 * ```
 * @see Tieleman and Hinton, "Lecture 6.5 — RMSProp", COURSERA: Neural Networks for Machine Learning, 2012
 */
export function rmsprop(options: RmsPropOptions & LearningRateOption): GradientTransformation {
  return chain(scaleByRmsProp(options), scaleByLearningRate(options.learningRate));
}

/**
 * Optimistic gradient descent (OGDA): θ_{t+1} = θ_t − η·((α+β)·g_t − β·g_{t−1}), g_{−1} = 0;
 * with the default α = β = 1, θ_{t+1} = θ_t − 2η·g_t + η·g_{t−1} (papers §5.1).
 * `chain(scaleByOptimisticGradient(options), scaleByLearningRate(learningRate))`. Use it inside
 * `simultaneous` for the OGDA game method.
 *
 * @example
 * ```ts
 * const game = simultaneous({ generator: ogda({ learningRate: 0.1 }), discriminator: ogda({ learningRate: 0.1 }) });
 * ```
 * @see Daskalakis et al., "Training GANs with Optimism", 2018
 */
export function ogda(options: OptimisticOptions & LearningRateOption): GradientTransformation {
  return chain(scaleByOptimisticGradient(options), scaleByLearningRate(options.learningRate));
}

/**
 * Optimistic Adam: with d_t = m̂_t/(√v̂_t + ε) Adam's bias-corrected direction,
 *   θ_t = θ_{t−1} − 2η·d_t + η·d_{t−1},  d_0 = 0.
 * `chain(scaleByAdam(options), scaleByOptimisticGradient(), scaleByLearningRate(learningRate))`.
 * The correction uses the previous *bias-corrected* direction, lagged by one step (the paper's
 * Algorithm 1 and Gidel et al.'s PyTorch `OptimisticAdam`); Daskalakis et al.'s Keras code, run on
 * Theano, lags its raw moments by two steps instead (papers §5.1).
 *
 * @example
 * ```ts
 * const opt = optimisticAdam({ learningRate: 1e-4, beta1: 0.5, beta2: 0.9 });
 * ```
 * @see Daskalakis et al., "Training GANs with Optimism", 2018
 * @see Gidel et al., "A Variational Inequality Perspective on Generative Adversarial Networks", 2019
 */
export function optimisticAdam(options: AdamOptions & LearningRateOption): GradientTransformation {
  return chain(scaleByAdam(options), scaleByOptimisticGradient(), scaleByLearningRate(options.learningRate));
}
