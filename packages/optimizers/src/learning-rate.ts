import { SaddleError, treeScale, type GradientTransformation } from '@saddle/core';

/**
 * Scales updates by −η: the descent step u = −η·g. The sign lives here, so every other
 * transformation works with gradients.
 *
 * @example
 * ```ts
 * const sgdStep = scaleByLearningRate(0.01); // u = −0.01·g
 * ```
 */
export function scaleByLearningRate(learningRate: number): GradientTransformation<Record<string, never>> {
  checkPositive('learningRate', learningRate);
  return {
    init: () => ({}),
    update: (updates, state) => ({ updates: treeScale(updates, -learningRate), state }),
  };
}

/** Refuses non-positive or non-finite hyper-parameters, naming the field. */
export function checkPositive(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new SaddleError('must be a finite number > 0', {
      code: 'INVALID_ARGUMENT', field, value, fix: `pass ${field} > 0, e.g. 1e-3`,
    });
  }
}

/** Refuses values outside [0, 1), naming the field (decay rates). */
export function checkUnitInterval(field: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new SaddleError('must be in [0, 1)', {
      code: 'INVALID_ARGUMENT', field, value, fix: `pass ${field} in [0, 1), e.g. 0.9`,
    });
  }
}
