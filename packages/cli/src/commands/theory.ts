import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SaddleError } from '@saddle/core';
import { svgLinePlot, type LinePlotOptions } from '@saddle/theory';
import { parseFlags } from './args.js';
import { COMMON_THEORY_FLAGS, type TheorySubcommand } from './theory-help.js';
import { theoryLandscape } from './theory-landscape.js';
import { theoryOverparam } from './theory-overparam.js';
import { theoryPhase } from './theory-phase.js';
import { theorySolvable } from './theory-solvable.js';
import type { CliIo } from './train.js';

/** The subcommands of `saddle theory`, in the order of the help. */
export const THEORY_SUBCOMMANDS: readonly TheorySubcommand[] = [theorySolvable, theoryPhase, theoryLandscape, theoryOverparam];

/** `saddle theory --help`. */
export const THEORY_HELP = `saddle theory: the exactly analysable GAN models of @saddle/theory

Usage: saddle theory <subcommand> [flags] [--json] [--plot FILE | --no-plot]

Subcommands:
${THEORY_SUBCOMMANDS.map((s) => `  ${s.name.padEnd(12)} ${s.summary}`).join('\n')}

Each prints a table, writes an SVG plot (and says where), and with --json prints the full
result as JSON instead. See saddle theory <subcommand> --help for its flags.

Flags:
  -h, --help     show this help
`;

/**
 * `saddle theory <subcommand>`: parses the subcommand's flags strictly, runs it, writes its
 * plot and prints the table (or, with `--json`, the result as JSON). Resolves to the exit code.
 *
 * @example
 * ```ts
 * const code = await theoryCommand(['landscape', '--loss', 'js', '--real', '0,1', '--fake', '0,0'], { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function theoryCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '-h' || name === '--help') {
    io.stdout.write(THEORY_HELP);
    return 0;
  }
  if (name === undefined) {
    io.stderr.write(THEORY_HELP);
    return 2;
  }
  const subcommand = THEORY_SUBCOMMANDS.find((s) => s.name === name);
  if (subcommand === undefined) {
    throw new SaddleError(name.startsWith('-') ? 'unknown flag' : 'unknown subcommand', {
      code: 'INVALID_CONFIG', field: 'saddle theory', value: name, fix: `allowed: ${THEORY_SUBCOMMANDS.map((s) => s.name).join(', ')}, --help`,
    });
  }
  const values = parseFlags(rest, { ...subcommand.flags, ...COMMON_THEORY_FLAGS }, `saddle theory ${name}`);
  if (values.help === true) {
    io.stdout.write(subcommand.help);
    return 0;
  }
  if (values['no-plot'] === true && values.plot !== undefined) {
    throw new SaddleError('conflicts with --no-plot', { code: 'INVALID_CONFIG', field: '--plot', value: values.plot, fix: 'pass one of --plot FILE and --no-plot' });
  }
  if (values.plot === '') {
    throw new SaddleError('needs a file name', { code: 'INVALID_CONFIG', field: '--plot', value: values.plot, fix: 'write --plot FILE, e.g. --plot out/p.svg' });
  }
  const output = subcommand.run(values);
  const plotPath = values['no-plot'] === true ? null : await writePlot(typeof values.plot === 'string' ? values.plot : defaultPlotPath(name), output.plot);
  if (values.json === true) {
    io.stdout.write(`${JSON.stringify({ command: `theory ${name}`, ...output.json, plot: plotPath })}\n`);
  } else {
    io.stdout.write(output.text + (plotPath === null ? '' : `plot: ${plotPath}\n`));
  }
  return 0;
}

async function writePlot(path: string, plot: LinePlotOptions): Promise<string> {
  const svg = svgLinePlot(plot);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, svg);
  } catch (cause) {
    throw new SaddleError(`cannot write the plot: ${cause instanceof Error ? cause.message : String(cause)}`, {
      code: 'IO_ERROR', field: '--plot', value: path, fix: 'pass a writable path, or --no-plot', cause,
    });
  }
  return path;
}

function defaultPlotPath(name: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `runs/theory-${name}-${stamp}.svg`;
}
