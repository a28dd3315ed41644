import { SaddleError } from '@saddle/core';
import { checkPositive } from './internal/checks.js';

/**
 * A learning-rate schedule: the step size η(t) of the update made after `t` earlier updates
 * (t = 0 for the first). A plain host function, so it costs no tensor ops.
 *
 * @example
 * ```ts
 * const halving: Schedule = (t) => 1e-3 * 0.5 ** Math.floor(t / 10_000);
 * const opt = sgd({ learningRate: halving });
 * ```
 */
export type Schedule = (count: number) => number;

/**
 * Options of {@link linearDecaySchedule}.
 *
 * @example
 * ```ts
 * // RS-GAN's utils.decay_lr: 2e-4 until step 50,000, then linearly to 0 at 100,000
 * const options: LinearDecayOptions = { initial: 2e-4, decayStart: 50_000, decayEnd: 100_000 };
 * const opt = adam({ learningRate: linearDecaySchedule(options), beta1: 0.5 });
 * ```
 */
export interface LinearDecayOptions {
  /** η₀, the rate held until `decayStart`. */
  readonly initial: number;
  /** The update count t₀ at which the decay begins (default 0). */
  readonly decayStart?: number;
  /** The update count T at which η reaches 0 and stays there; T > t₀. */
  readonly decayEnd: number;
}

/**
 * Constant, then linear decay to 0:
 *   η(t) = η₀ for t ≤ t₀,  η₀·(T − t)/(T − t₀) for t₀ < t < T,  0 for t ≥ T.
 * The value is a step size (≥ 0); `scaleByLearningRate` applies the descent sign.
 *
 * @example
 * ```ts
 * // 2e-4 for 50k updates, then linearly to 0 at 100k (the TTUR / SN-GAN recipe)
 * const opt = adam({ learningRate: linearDecaySchedule({ initial: 2e-4, decayStart: 50_000, decayEnd: 100_000 }), beta1: 0.5 });
 * ```
 * @see Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium", 2017
 */
export function linearDecaySchedule(options: LinearDecayOptions): Schedule {
  const { initial, decayStart = 0, decayEnd } = options;
  checkPositive('initial', initial);
  if (!Number.isSafeInteger(decayStart) || decayStart < 0) {
    throw new SaddleError('must be an integer ≥ 0', {
      code: 'INVALID_ARGUMENT', field: 'decayStart', value: decayStart, fix: 'pass the update count where decay begins, e.g. 0',
    });
  }
  if (!Number.isSafeInteger(decayEnd) || decayEnd <= decayStart) {
    throw new SaddleError('must be an integer > decayStart', {
      code: 'INVALID_ARGUMENT', field: 'decayEnd', value: decayEnd, fix: `pass the update count where η reaches 0, > ${decayStart}`,
    });
  }
  return (count) => {
    if (count <= decayStart) return initial;
    if (count >= decayEnd) return 0;
    return (initial * (decayEnd - count)) / (decayEnd - decayStart);
  };
}
