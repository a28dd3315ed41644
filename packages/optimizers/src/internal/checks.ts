import { PLAYERS, SaddleError, type Player } from '@saddle/core';

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

/** Refuses counts that are not integers in [1, max], naming the field (step counts, window sizes). */
export function checkCount(field: string, value: number, max = 1000): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new SaddleError(`must be an integer in [1, ${max}]`, {
      code: 'INVALID_ARGUMENT', field, value, fix: `pass ${field} ≥ 1, e.g. 1 or 5`,
    });
  }
}

/** Refuses anything but a player's name, naming the field. */
export function checkPlayer(field: string, value: unknown): asserts value is Player {
  if (!PLAYERS.includes(value as Player)) {
    throw new SaddleError('not a player', {
      code: 'INVALID_ARGUMENT', field, value, fix: `use ${PLAYERS.map((p) => `"${p}"`).join(' or ')}`,
    });
  }
}
