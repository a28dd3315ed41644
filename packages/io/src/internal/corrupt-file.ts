import { SaddleError } from '@saddle/core';

/** The name used in messages when the caller gave no `file` option. */
export const UNNAMED = '(bytes)';

/**
 * A `CORRUPT_FILE` SaddleError whose field is the file, so the message reads
 * "FILE: PROBLEM (got VALUE); FIX".
 */
export function corruptFile(file: string, problem: string, value?: unknown, fix = 'check that the file is complete and in the stated format'): SaddleError {
  return new SaddleError(problem, { code: 'CORRUPT_FILE', field: file, value, fix });
}
