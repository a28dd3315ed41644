import { SaddleError } from '@saddle/core';

/** Refuses a config field: an `INVALID_CONFIG` error naming the field, its value and the fix. */
export function invalidConfig(field: string, value: unknown, fix: string): never {
  throw new SaddleError(`invalid ${field}`, { code: 'INVALID_CONFIG', field, value, fix });
}

/** Refuses the first of `fields` that is not an integer ≥ 1. */
export function requirePositiveIntegers<C extends object>(config: C, fields: readonly (keyof C & string)[]): void {
  for (const field of fields) {
    const value = config[field];
    if (!Number.isInteger(value) || (value as number) < 1) invalidConfig(field, value, 'use a positive integer');
  }
}

/** Refuses a negative or fractional `firstSeed`, then fewer than one seed. */
export function requireSeeds(firstSeed: number, seeds: number): void {
  if (!Number.isInteger(firstSeed) || firstSeed < 0) invalidConfig('firstSeed', firstSeed, 'use a non-negative integer');
  if (!Number.isInteger(seeds) || seeds < 1) invalidConfig('seeds', seeds, 'use at least 1 seed');
}
