import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, treeMap, type GradientTransformation, type Params } from '@saddle/core';
import { checkPositive } from './internal/checks.js';
import type { Schedule } from './schedule.js';

/**
 * State of a scheduled learning rate: the number of updates made so far.
 *
 * @example
 * ```ts
 * const lr = scaleByLearningRate((t) => 1e-3 / Math.sqrt(t + 1));
 * let state: ScheduleState = lr.init(params); // { count: 0 }
 * ({ state } = lr.update(grads, state)); // state.count === 1
 * ```
 */
export type ScheduleState = { readonly count: number };

/**
 * Scales updates by −η: the descent step u = −η·g. The sign lives here, so every other
 * transformation works with gradients. η is a number, or a {@link Schedule} evaluated at the
 * update count t (0 on the first update; the count is a host number in the state).
 *
 * @example
 * ```ts
 * const sgdStep = scaleByLearningRate(0.01); // u = −0.01·g
 * const decayed = scaleByLearningRate(linearDecaySchedule({ initial: 0.01, decayEnd: 1000 }));
 * ```
 * @see Robbins and Monro, "A Stochastic Approximation Method", 1951
 */
export function scaleByLearningRate(learningRate: number): GradientTransformation<Record<string, never>>;
export function scaleByLearningRate(learningRate: Schedule): GradientTransformation<ScheduleState>;
export function scaleByLearningRate(learningRate: number | Schedule): GradientTransformation<Record<string, never>> | GradientTransformation<ScheduleState>;
export function scaleByLearningRate(
  learningRate: number | Schedule,
): GradientTransformation<Record<string, never>> | GradientTransformation<ScheduleState> {
  if (typeof learningRate === 'function') return scheduled(learningRate);
  checkPositive('learningRate', learningRate);
  return {
    init: () => ({}),
    update: (updates: Params, state: Record<string, never>) => ({ updates: scaled(updates, -learningRate), state }),
  };
}

function scheduled(schedule: Schedule): GradientTransformation<ScheduleState> {
  return {
    init: () => ({ count: 0 }),
    update(updates: Params, state: ScheduleState) {
      const eta = schedule(state.count);
      if (typeof eta !== 'number' || !Number.isFinite(eta) || eta < 0) {
        throw new SaddleError('schedule returned an invalid step size', {
          code: 'NON_FINITE', field: `learningRate(${state.count})`, value: eta,
          fix: 'make the schedule return a finite number ≥ 0 for every update count',
        });
      }
      return { updates: scaled(updates, -eta), state: { count: state.count + 1 } };
    },
  };
}

/** u·s for every leaf, with one scalar tensor for all of them (one from a JS number per leaf costs as much as the multiply). */
function scaled(updates: Params, s: number): Params {
  return tf.tidy(() => {
    const factor = tf.scalar(s);
    return treeMap(updates, (u) => tf.mul(u, factor));
  });
}
