import type { LinePlotOptions } from '@saddle/theory';
import type { FlagSpec, FlagValues } from './args.js';

/** What a `saddle theory` subcommand computed: text for people, JSON for programs, and a plot. */
export interface TheoryOutput {
  /** The human-readable report (tables), ending in a newline. */
  readonly text: string;
  /** The machine-readable result: trajectories and settings as plain arrays and numbers. */
  readonly json: Readonly<Record<string, unknown>>;
  /** What to draw with `svgLinePlot`. */
  readonly plot: LinePlotOptions;
}

/**
 * One `saddle theory` subcommand: its own flags (the common `--json`, `--plot`, `--no-plot`
 * and `--help` are added), its help text, and a pure `run` from parsed flags to output. Bad
 * flag values throw `SaddleError` (`INVALID_CONFIG`) before any work.
 */
export interface TheorySubcommand {
  readonly name: string;
  /** One line for `saddle theory --help`. */
  readonly summary: string;
  readonly flags: FlagSpec;
  readonly help: string;
  run(values: FlagValues): TheoryOutput;
}

/** The flags every subcommand takes. */
export const COMMON_THEORY_FLAGS = {
  json: { type: 'boolean' },
  plot: { type: 'string' },
  'no-plot': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The help lines of the common flags, for each subcommand's help text. */
export const COMMON_THEORY_HELP = `  --json           print the full result as JSON on stdout (trajectories, settings, the plot path)
  --plot FILE      where to write the SVG plot (default: runs/theory-<name>-<date>-<time>.svg)
  --no-plot        write no plot
  -h, --help       show this help`;
