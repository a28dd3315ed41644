import { parseArgs } from 'node:util';
import { SaddleError } from '@saddle/core';

/** A command's flags in node:util parseArgs form. */
export type FlagSpec = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>>;

/** Parsed flag values: strings for string flags, `true` for boolean flags given, absent otherwise. */
export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

/**
 * Parses a command's arguments strictly (node:util parseArgs): unknown flags, missing values
 * and stray positionals are refused with a `SaddleError` (`INVALID_CONFIG`) naming them and
 * listing the flags `command` allows.
 *
 * @example
 * ```ts
 * const values = parseFlags(['--steps', '10'], { steps: { type: 'string' } }, 'saddle train');
 * ```
 */
export function parseFlags(argv: readonly string[], flags: FlagSpec, command: string): FlagValues {
  try {
    return parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals: false }).values as FlagValues;
  } catch (cause) {
    throw usageError(cause, flags, command);
  }
}

/** `--config, --backend, ..., --help/-h`. */
export function listFlags(flags: FlagSpec): string {
  return Object.entries(flags)
    .map(([name, f]) => (f.short === undefined ? `--${name}` : `--${name}/-${f.short}`))
    .join(', ');
}

function usageError(cause: unknown, flags: FlagSpec, command: string): SaddleError {
  const allowedFlags = listFlags(flags);
  const message = cause instanceof Error ? cause.message : String(cause);
  const code = (cause as { code?: string }).code;
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== null) {
    return new SaddleError('unknown flag', { code: 'INVALID_CONFIG', field: unknown[1], fix: `allowed: ${allowedFlags}`, cause });
  }
  const option = /Option '(-\w, )?(--[\w-]+)/.exec(message);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== null) {
    const flag = option[2] as string;
    return message.includes('does not take an argument')
      ? new SaddleError('takes no value', { code: 'INVALID_CONFIG', field: flag, fix: `write ${flag} alone`, cause })
      : new SaddleError('needs a value', { code: 'INVALID_CONFIG', field: flag, fix: `write ${flag} VALUE (${flag}=-5 for a value starting with -)`, cause });
  }
  const positional = /Unexpected argument '([^']+)'/.exec(message);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && positional !== null) {
    return new SaddleError('unexpected argument', { code: 'INVALID_CONFIG', field: command, value: positional[1], fix: `flags only; allowed: ${allowedFlags}`, cause });
  }
  return new SaddleError(message, { code: 'INVALID_CONFIG', cause });
}

/** A number's allowed range, as flags state it. */
export interface NumberRange {
  readonly integer?: boolean;
  /** Smallest allowed value (inclusive unless `exclusiveMin`). */
  readonly min?: number;
  readonly exclusiveMin?: boolean;
  /** Largest allowed value (inclusive). */
  readonly max?: number;
}

/** A number written in full: optional sign, digits with an optional point, optional exponent. */
export const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** `an integer ≥ 1`, `a number > 0`, `a number ≥ 0 and ≤ 1` (plural: `integers ≥ 1`). */
export function describeRange(range: NumberRange, plural = false): string {
  const kind = range.integer === true ? (plural ? 'integers' : 'an integer') : plural ? 'numbers' : 'a number';
  const bounds = [
    range.min === undefined ? undefined : `${range.exclusiveMin === true ? '>' : '≥'} ${range.min}`,
    range.max === undefined ? undefined : `≤ ${range.max}`,
  ].filter((b) => b !== undefined);
  return bounds.length === 0 ? kind : `${kind} ${bounds.join(' and ')}`;
}

/**
 * The number a flag's value spells, checked against `range`; a `SaddleError` (`INVALID_CONFIG`)
 * names the flag, the value and the range otherwise, in the words of the config errors:
 * `--steps: too small (got 0); allowed: an integer ≥ 1`.
 *
 * @example
 * ```ts
 * parseNumberFlag('--tau', '0.2', { min: 0, exclusiveMin: true }); // 0.2
 * ```
 */
export function parseNumberFlag(flag: string, raw: string, range: NumberRange): number {
  return checkNumber(raw, range, (problem, value) => new SaddleError(problem, { code: 'INVALID_CONFIG', field: flag, value, fix: `allowed: ${describeRange(range)}` }));
}

/** Length bounds of a list flag. */
export interface ListLength {
  readonly minItems?: number;
  readonly maxItems?: number;
}

/**
 * A comma-separated list of numbers (`5,3`), each checked against `range`, its length against
 * `length`. Errors name the flag, the item and what is allowed:
 * `--lambda: item 2 too small (got -3); allowed: a comma-separated list of numbers > 0`.
 *
 * @example
 * ```ts
 * parseNumberListFlag('--k', '4,16,64', { integer: true, min: 1 }); // [4, 16, 64]
 * ```
 */
export function parseNumberListFlag(flag: string, raw: string, range: NumberRange, length: ListLength = {}): number[] {
  const { minItems = 1, maxItems } = length;
  const count = maxItems === undefined ? `at least ${minItems}` : minItems === maxItems ? `${minItems}` : `${minItems} to ${maxItems}`;
  const allowed = `allowed: a comma-separated list of ${count} ${describeRange(range, true)}`;
  const items = raw.trim() === '' ? [] : raw.split(',').map((s) => s.trim());
  if (items.length < minItems || (maxItems !== undefined && items.length > maxItems)) {
    throw new SaddleError(`${items.length < minItems ? 'too few' : 'too many'} items (${items.length})`, {
      code: 'INVALID_CONFIG', field: flag, value: raw, fix: allowed,
    });
  }
  return items.map((item, i) =>
    checkNumber(item, range, (problem, value) =>
      new SaddleError(`item ${i + 1} ${item === '' ? 'is empty' : problem}`, { code: 'INVALID_CONFIG', field: flag, value: item === '' ? raw : value, fix: allowed }),
    ),
  );
}

/**
 * One of `choices`, or a `SaddleError` in the words of the config errors:
 * `--loss: not one of the choices (got "ls"); allowed: "js", "rs"`.
 *
 * @example
 * ```ts
 * parseChoiceFlag('--activation', 'relu', ['relu', 'tanh'] as const); // 'relu'
 * ```
 */
export function parseChoiceFlag<C extends string>(flag: string, raw: string, choices: readonly C[]): C {
  if ((choices as readonly string[]).includes(raw)) return raw as C;
  throw new SaddleError('not one of the choices', {
    code: 'INVALID_CONFIG', field: flag, value: raw, fix: `allowed: ${choices.map((c) => JSON.stringify(c)).join(', ')}`,
  });
}

function checkNumber(raw: string, range: NumberRange, fail: (problem: string, value: unknown) => SaddleError): number {
  if (!NUMBER.test(raw.trim())) throw fail('wrong type', raw);
  const value = Number(raw);
  if (!Number.isFinite(value)) throw fail('not finite', raw);
  if (range.integer === true && !Number.isInteger(value)) throw fail('wrong type', value);
  if (range.integer === true && !Number.isSafeInteger(value)) throw fail(value > 0 ? 'too large' : 'too small', value);
  if (range.min !== undefined && (range.exclusiveMin === true ? !(value > range.min) : !(value >= range.min))) throw fail('too small', value);
  if (range.max !== undefined && !(value <= range.max)) throw fail('too large', value);
  return value;
}

/**
 * `--name`'s value from parsed flags as a number in `range`, or `fallback` when the flag is
 * absent.
 *
 * @example
 * ```ts
 * const steps = numberOption(values, 'steps', 300, { integer: true, min: 1 });
 * ```
 */
export function numberOption(values: FlagValues, name: string, fallback: number, range: NumberRange): number {
  const raw = values[name];
  return typeof raw === 'string' ? parseNumberFlag(`--${name}`, raw, range) : fallback;
}

/** `--name`'s value as a list of numbers (`parseNumberListFlag`), or `fallback` when absent. */
export function numberListOption(values: FlagValues, name: string, fallback: readonly number[], range: NumberRange, length?: ListLength): number[] {
  const raw = values[name];
  return typeof raw === 'string' ? parseNumberListFlag(`--${name}`, raw, range, length) : [...fallback];
}

/** `--name`'s value as one of `choices` (`parseChoiceFlag`), or `fallback` when absent. */
export function choiceOption<C extends string>(values: FlagValues, name: string, fallback: C, choices: readonly C[]): C {
  const raw = values[name];
  return typeof raw === 'string' ? parseChoiceFlag(`--${name}`, raw, choices) : fallback;
}
