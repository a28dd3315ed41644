import { SaddleError } from '@saddle/core';

/**
 * Throws an `INVALID_ARGUMENT` SaddleError naming the option when `ok` is false:
 * "field: must be ALLOWED (got VALUE); pass ALLOWED".
 */
export function check(field: string, value: unknown, ok: boolean, allowed: string): void {
  if (!ok) throw new SaddleError(`must be ${allowed}`, { code: 'INVALID_ARGUMENT', field, value, fix: `pass ${allowed}` });
}

/** True for an integer in [min, max]. */
export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
