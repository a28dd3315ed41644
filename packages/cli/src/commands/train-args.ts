import { NUMBER, parseFlags } from './args.js';

/** The flags of `saddle train`, each with the config field it overrides. */
const FLAGS = {
  config: { type: 'string' },
  resume: { type: 'string' },
  backend: { type: 'string' },
  workers: { type: 'string' },
  steps: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Config fields that a flag of the same name overrides. */
export const OVERRIDE_FLAGS = ['backend', 'workers', 'steps', 'seed', 'out'] as const;

/** What `saddle train`'s command line asks for. */
export interface TrainArgs {
  readonly help: boolean;
  readonly configPath: string | undefined;
  /** `--resume DIR`: the run directory to continue. */
  readonly resume: string | undefined;
  /** Flag values as config fields; numbers are parsed, anything else is left for the schema to refuse. */
  readonly overrides: Readonly<Record<string, unknown>>;
}

/**
 * Parses `saddle train`'s arguments strictly (node:util parseArgs): unknown flags, missing
 * values and stray positionals are refused with a `SaddleError` (`INVALID_CONFIG`) naming them.
 */
export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  const values = parseFlags(argv, FLAGS, 'saddle train');
  const overrides: Record<string, unknown> = {};
  for (const flag of OVERRIDE_FLAGS) {
    const raw = values[flag];
    if (typeof raw === 'string') overrides[flag] = flag !== 'out' && NUMBER.test(raw) ? Number(raw) : raw;
  }
  return { help: values.help === true, configPath: values.config as string | undefined, resume: values.resume as string | undefined, overrides };
}
