import { SaddleError } from '@saddle/core';
import packageJson from '../package.json' with { type: 'json' };
import { evalCommand } from './commands/eval.js';
import { MAIN_HELP } from './commands/help.js';
import { reproduceCommand } from './commands/reproduce.js';
import { sampleCommand } from './commands/sample.js';
import { sweepCommand } from './commands/sweep.js';
import { THEORY_SUBCOMMANDS, theoryCommand } from './commands/theory.js';
import { trainCommand, type CliIo } from './commands/train.js';

const COMMANDS: Readonly<Record<string, (argv: readonly string[], io: CliIo) => Promise<number>>> = {
  train: trainCommand,
  theory: theoryCommand,
  sample: sampleCommand,
  eval: evalCommand,
  reproduce: reproduceCommand,
  sweep: sweepCommand,
};

/**
 * The `saddle` command line: dispatches to a command and turns errors into messages and exit
 * codes (0 success, 1 failure, 2 bad usage or config). Never throws.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === '-h' || first === '--help') {
      io.stdout.write(MAIN_HELP);
      return 0;
    }
    if (first === '-v' || first === '--version') {
      io.stdout.write(`${packageJson.version}\n`);
      return 0;
    }
    if (first === undefined) {
      io.stderr.write(MAIN_HELP);
      return 2;
    }
    const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (command === undefined) {
      throw new SaddleError(first.startsWith('-') ? 'unknown flag' : 'unknown command', {
        code: 'INVALID_CONFIG', field: 'saddle', value: first, fix: `allowed: ${Object.keys(COMMANDS).join(', ')}, --help, --version`,
      });
    }
    return await command(rest, io);
  } catch (error) {
    if (error instanceof SaddleError) {
      const usage = error.code === 'INVALID_CONFIG';
      const hint = usage ? `\nrun "saddle ${helpTopic(first, rest[0])}--help" for usage` : '';
      io.stderr.write(`saddle: ${error.message}${hint}\n`);
      return usage ? 2 : 1;
    }
    io.stderr.write(`saddle: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

/** The command (and theory subcommand) whose help a usage error points to: `theory phase `. */
function helpTopic(command: string | undefined, sub: string | undefined): string {
  if (command === undefined || !Object.hasOwn(COMMANDS, command)) return '';
  if (command === 'theory' && THEORY_SUBCOMMANDS.some((s) => s.name === sub)) return `theory ${sub} `;
  return `${command} `;
}
