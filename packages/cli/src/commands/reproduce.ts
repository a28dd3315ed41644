import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, useBackend } from '@saddle/core';
import type { ExperimentContext } from '@saddle/experiments';
import { writeReport } from '@saddle/experiments/node';
import { parallelGameBuilder } from '../parallel-parts.js';
import { backendRegistry } from '../registries.js';
import { choiceOption, numberOption, parseFlags } from './args.js';
import { experimentOf, reportEnvironment, shellQuote } from './experiment-run.js';
import { REPRODUCE_HELP, reproduceList } from './reproduce-help.js';
import type { CliIo } from './train.js';

const FLAGS = {
  list: { type: 'boolean' },
  seeds: { type: 'string' },
  backend: { type: 'string' },
  workers: { type: 'string' },
  out: { type: 'string' },
  quick: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const BACKENDS = ['wasm', 'cpu'] as const;
/** Seconds between two progress lines of one stage. */
const PROGRESS_EVERY_S = 2;

/**
 * `saddle reproduce`: `--list` prints the experiments; `<id>` runs one on the chosen backend
 * and writes its report directory (report.html, report.md, results.json), printing progress
 * to stderr and the report's paths and comparison rows to stdout. Resolves to the exit code.
 *
 * @example
 * ```ts
 * const code = await reproduceCommand(['minmax-bilinear', '--quick', '--out', 'runs/bilinear'], { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function reproduceCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...afterFirst] = argv;
  const id = first !== undefined && !first.startsWith('-') ? first : undefined;
  const values = parseFlags(id === undefined ? argv : afterFirst, FLAGS, 'saddle reproduce');
  if (values.help === true) {
    io.stdout.write(REPRODUCE_HELP);
    return 0;
  }
  if (values.list === true) {
    if (id !== undefined) {
      throw new SaddleError('--list takes no experiment id', { code: 'INVALID_CONFIG', field: '--list', value: id, fix: 'write saddle reproduce --list alone' });
    }
    io.stdout.write(reproduceList());
    return 0;
  }
  if (id === undefined) {
    throw new SaddleError('which experiment?', {
      code: 'INVALID_CONFIG', field: 'saddle reproduce', fix: 'write saddle reproduce <id> (saddle reproduce --list shows the ids)',
    });
  }
  const experiment = experimentOf(id, 'saddle reproduce');
  const quick = values.quick === true;
  const fallbackSeeds = experiment.defaultSeeds?.[quick ? 'quick' : 'full'] ?? 1;
  const seeds = numberOption(values, 'seeds', fallbackSeeds, { integer: true, min: 1, max: 1000 });
  const backend = choiceOption(values, 'backend', 'wasm', BACKENDS);
  const workers = numberOption(values, 'workers', 1, { integer: true, min: 1, max: 256 });
  const out = typeof values.out === 'string' ? values.out : `runs/reproduce-${id}`;
  if (out.trim() === '') throw new SaddleError('empty directory', { code: 'INVALID_CONFIG', field: '--out', value: out, fix: 'pass a directory path' });

  await useBackend(backendRegistry[backend]());
  const config = experiment.config(quick);
  const command = ['saddle reproduce', id, '--seeds', String(seeds), '--backend', backend, ...(workers === 1 ? [] : ['--workers', String(workers)]), '--out', shellQuote(out), ...(quick ? ['--quick'] : [])].join(' ');
  io.stderr.write(`${id}: ${experiment.title} (${quick ? 'quick' : 'full'}, ${seeds} seed${seeds === 1 ? '' : 's'}, ${backend}${workers === 1 ? '' : `, ${workers} worker threads`})\n`);
  const startedAt = new Date();
  const started = performance.now();
  const ctx: ExperimentContext = {
    seeds, quick, backendName: tf.getBackend(), progress: progressPrinter(io, id),
    ...(workers === 1 ? {} : { buildGame: parallelGameBuilder(workers, backend) }),
  };
  const result = await experiment.run(config, ctx);
  const wallSeconds = (performance.now() - started) / 1000;
  const written = await writeReport(out, experiment, config, result, {
    command, seeds, quick, backend, wallSeconds,
    startedAt: startedAt.toISOString(),
    ...reportEnvironment(),
  });
  io.stdout.write(`${result.summary}\n\n`);
  for (const c of result.comparisons) io.stdout.write(`  [${c.agreement}] ${c.quantity}: paper ${c.paperSays}; Saddle ${c.measured}\n`);
  io.stdout.write(`\nwall time ${wallSeconds.toFixed(1)} s\nreport: ${written.html}\n        ${written.markdown}\n        ${written.json}\n`);
  return 0;
}

/** Progress lines `id: stage done/total`, at most one per stage every few seconds, plus each stage's last. */
function progressPrinter(io: CliIo, id: string): ExperimentContext['progress'] {
  let lastStage = '';
  let lastAt = 0;
  return (stage, done, total) => {
    const now = performance.now() / 1000;
    if (stage === lastStage && done < total && now - lastAt < PROGRESS_EVERY_S) return;
    lastStage = stage;
    lastAt = now;
    io.stderr.write(`${id}: ${stage} ${done}/${total}\n`);
  };
}
