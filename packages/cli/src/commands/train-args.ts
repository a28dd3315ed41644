import { parseArgs } from 'node:util';
import { SaddleError } from '@saddle/core';

/** The flags of `saddle train`, each with the config field it overrides. */
const FLAGS = {
  config: { type: 'string' },
  backend: { type: 'string' },
  steps: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Config fields that a flag of the same name overrides. */
export const OVERRIDE_FLAGS = ['backend', 'steps', 'seed', 'out'] as const;

/** What `saddle train`'s command line asks for. */
export interface TrainArgs {
  readonly help: boolean;
  readonly configPath: string | undefined;
  /** Flag values as config fields; numbers are parsed, anything else is left for the schema to refuse. */
  readonly overrides: Readonly<Record<string, unknown>>;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parses `saddle train`'s arguments strictly (node:util parseArgs): unknown flags, missing
 * values and stray positionals are refused with a `SaddleError` (`INVALID_CONFIG`) naming them.
 */
export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (cause) {
    throw usageError(cause);
  }
  const overrides: Record<string, unknown> = {};
  for (const flag of OVERRIDE_FLAGS) {
    const raw = values[flag];
    if (typeof raw === 'string') overrides[flag] = flag !== 'out' && NUMBER.test(raw) ? Number(raw) : raw;
  }
  return { help: values.help === true, configPath: values.config as string | undefined, overrides };
}

const allowedFlags = Object.entries(FLAGS)
  .map(([name, f]) => ('short' in f ? `--${name}/-${f.short}` : `--${name}`))
  .join(', ');

function usageError(cause: unknown): SaddleError {
  const message = cause instanceof Error ? cause.message : String(cause);
  const code = (cause as { code?: string }).code;
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== null) {
    return new SaddleError('unknown flag', { code: 'INVALID_CONFIG', field: unknown[1], fix: `allowed: ${allowedFlags}`, cause });
  }
  const option = /Option '(-\w, )?(--\w+)/.exec(message);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== null) {
    const flag = option[2] as string;
    return message.includes('does not take an argument')
      ? new SaddleError('takes no value', { code: 'INVALID_CONFIG', field: flag, fix: `write ${flag} alone`, cause })
      : new SaddleError('needs a value', { code: 'INVALID_CONFIG', field: flag, fix: `write ${flag} VALUE (${flag}=-5 for a value starting with -)`, cause });
  }
  const positional = /Unexpected argument '([^']+)'/.exec(message);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && positional !== null) {
    return new SaddleError('unexpected argument', { code: 'INVALID_CONFIG', field: 'saddle train', value: positional[1], fix: `flags only; allowed: ${allowedFlags}`, cause });
  }
  return new SaddleError(message, { code: 'INVALID_CONFIG', cause });
}
