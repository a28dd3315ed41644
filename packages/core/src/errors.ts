/**
 * Stable machine-readable error codes. Each names a class of mistake, not a call site.
 *
 * @example
 * ```ts
 * try { await useBackend(spec); } catch (e) {
 *   if (e instanceof SaddleError && e.code === 'BACKEND_UNAVAILABLE') console.error(e.message);
 * }
 * ```
 */
export type SaddleErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_CONFIG'
  | 'SHAPE_MISMATCH'
  | 'STRUCTURE_MISMATCH'
  | 'BACKEND_UNAVAILABLE'
  | 'NON_FINITE'
  | 'IO_ERROR'
  | 'CORRUPT_FILE';

/**
 * What a `SaddleError` is built from: the code, the offending field and value, and the fix.
 *
 * @example
 * ```ts
 * const details: SaddleErrorDetails = { code: 'INVALID_ARGUMENT', field: 'batchSize', value: 0, fix: 'pass a positive integer' };
 * throw new SaddleError('batch size must be positive', details);
 * ```
 */
export interface SaddleErrorDetails {
  readonly code: SaddleErrorCode;
  /** Dotted path of the bad field, e.g. `"optimizer.generator.learningRate"`. */
  readonly field?: string;
  /** The value that was refused (kept for tooling; printed abridged). */
  readonly value?: unknown;
  /** What would be accepted, phrased as an instruction. */
  readonly fix?: string;
  readonly cause?: unknown;
}

/**
 * The one error class of Saddle. Its message names the bad field, the value and the fix, so a
 * user can act on it without reading the source.
 *
 * @example
 * ```ts
 * throw new SaddleError('learning rate must be positive', {
 *   code: 'INVALID_ARGUMENT', field: 'learningRate', value: -1, fix: 'pass a number > 0',
 * });
 * // SaddleError: learningRate: learning rate must be positive (got -1); pass a number > 0
 * ```
 */
export class SaddleError extends Error {
  readonly code: SaddleErrorCode;
  /** What went wrong, without the field, value and fix the message adds around it. */
  readonly problem: string;
  readonly field: string | undefined;
  readonly value: unknown;
  readonly fix: string | undefined;

  constructor(problem: string, details: SaddleErrorDetails) {
    super(formatMessage(problem, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SaddleError';
    this.code = details.code;
    this.problem = problem;
    this.field = details.field;
    this.value = details.value;
    this.fix = details.fix;
  }
}

function formatMessage(problem: string, { field, value, fix }: SaddleErrorDetails): string {
  const where = field === undefined ? '' : `${field}: `;
  const got = value === undefined ? '' : ` (got ${describeValue(value)})`;
  const how = fix === undefined ? '' : `; ${fix}`;
  return `${where}${problem}${got}${how}`;
}

/**
 * A short, single-line rendering of a refused value for error messages.
 *
 * @example
 * ```ts
 * describeValue('relu'); // '"relu"'
 * describeValue([1, 2, 3, 4, 5, 6, 7]); // '[1, 2, 3, 4, 5, 6, ...]'
 * describeValue({ a: 1 }); // '{...}'
 * ```
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `[${value.slice(0, 6).map(describeValue).join(', ')}${value.length > 6 ? ', ...' : ''}]`;
  if (typeof value === 'object') return '{...}';
  return typeof value;
}
