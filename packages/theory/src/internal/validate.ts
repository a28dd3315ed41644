import { SaddleError } from '@saddle/core';

/** Refuses anything but a finite number > 0. */
export function requirePositive(value: number, field: string, fix = 'pass a finite number > 0'): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new SaddleError('must be a finite number > 0', { code: 'INVALID_ARGUMENT', field, value, fix });
  }
}

/** Refuses anything but a finite number ≥ 0. */
export function requireNonNegative(value: number, field: string, fix = 'pass a finite number >= 0'): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new SaddleError('must be a finite number >= 0', { code: 'INVALID_ARGUMENT', field, value, fix });
  }
}

/** Refuses anything but an integer ≥ `min`. */
export function requireInteger(value: number, field: string, min: number, fix = `pass an integer >= ${min}`): void {
  if (!(Number.isInteger(value) && value >= min)) {
    throw new SaddleError(`must be an integer >= ${min}`, { code: 'INVALID_ARGUMENT', field, value, fix });
  }
}

/** Refuses a non-array, a wrong length, or a non-finite entry. */
export function requireFiniteArray(value: readonly number[], field: string, length?: number): void {
  if (!Array.isArray(value) || value.length === 0 || (length !== undefined && value.length !== length)) {
    throw new SaddleError(length === undefined ? 'must be a non-empty array of numbers' : `must be an array of ${length} numbers`, {
      code: 'SHAPE_MISMATCH', field, value, fix: `pass ${length ?? 'one or more'} finite numbers`,
    });
  }
  value.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      throw new SaddleError('must be finite', { code: 'INVALID_ARGUMENT', field: `${field}[${i}]`, value: v, fix: 'pass a finite number' });
    }
  });
}
