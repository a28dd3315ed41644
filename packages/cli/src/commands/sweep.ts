import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaddleError } from '@saddle/core';
import { writeReport } from '@saddle/experiments/node';
import { writeFileAtomic } from '@saddle/io/node';
import { choiceOption, numberOption, parseFlags } from './args.js';
import { experimentOf, reportEnvironment, shellQuote } from './experiment-run.js';
import { aggregateSweep, type RunResults } from './sweep-aggregate.js';
import { expandSweep, parseGridAxis, parseSeeds, SEED_FIELD, type GridAxis, type SweepRun } from './sweep-plan.js';
import { sweepWorker, type WorkerMessage, type WorkerTask } from './sweep-worker.js';
import type { CliIo } from './train.js';

const FLAGS = {
  seeds: { type: 'string' },
  workers: { type: 'string' },
  backend: { type: 'string' },
  out: { type: 'string' },
  quick: { type: 'boolean' },
  worker: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
const BACKENDS = ['wasm', 'cpu'] as const;

/**
 * Usage of `saddle sweep`.
 *
 * @example
 * ```ts
 * process.stdout.write(SWEEP_HELP);
 * ```
 */
export const SWEEP_HELP = `Usage: saddle sweep <experiment> [--grid KEY=V1,V2 …] [--seeds 0..9] [--workers N] [--out DIR] [--backend wasm|cpu] [--quick]

Runs an experiment of "saddle reproduce --list" over a grid of config values × seeds in N worker
processes (each selects the backend once; wasm uses one core per process), one seed per run.

  --grid KEY=V1,V2   a config field of the experiment and its values (repeatable; the grid is
                     their product). Unknown keys are refused with the list of allowed ones.
  --seeds SPEC       0..9, 3 or 0,4,7 (default 0). Each run sets the config's firstSeed.
  --workers N        parallel worker processes (default 1)
  --out DIR          default runs/sweep-<experiment>
  --backend NAME     wasm (default) or cpu
  --quick            start from the experiment's quick config

Writes DIR/sweep.json (the plan), DIR/runs/<key>/ (each run's report; results.json is written
atomically and marks the run finished), DIR/run-starts.log (one line per run started) and, once
every run has finished, the aggregate report DIR/report.html, report.md and results.json: per
grid cell, the mean ± std over seeds of every number in the runs' results. Interrupted? Run the
same command again: finished runs are skipped.
`;

/** The plan a sweep directory holds; a restart must match it. */
interface Manifest {
  readonly experiment: string;
  readonly quick: boolean;
  readonly backend: string;
  readonly grid: readonly GridAxis[];
  readonly seeds: readonly number[];
  readonly runs: readonly string[];
}

/**
 * `saddle sweep`: expands the grid × seeds into runs, skips those whose `runs/<key>/results.json`
 * exists, runs the rest in `--workers` forked worker processes, and aggregates every run into a
 * report. Resolves to the exit code (1 if a run failed; its error is printed and a rerun retries it).
 *
 * @example
 * ```ts
 * const code = await sweepCommand(['fictitious-mog', '--grid', 'window=1,5', '--seeds', '0..4', '--workers', '2'], { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function sweepCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { gridTexts, rest } = splitGrid(argv);
  const [first, ...afterFirst] = rest;
  const id = first !== undefined && !first.startsWith('-') ? first : undefined;
  const values = parseFlags(id === undefined ? rest : afterFirst, FLAGS, 'saddle sweep');
  const backend = choiceOption(values, 'backend', 'wasm', BACKENDS);
  const out = typeof values.out === 'string' ? values.out : `runs/sweep-${id ?? 'worker'}`;
  if (values.worker === true) return sweepWorker(out, backend);
  if (values.help === true) {
    io.stdout.write(SWEEP_HELP);
    return 0;
  }
  if (id === undefined) {
    throw new SaddleError('which experiment?', { code: 'INVALID_CONFIG', field: 'saddle sweep', fix: 'write saddle sweep <id> (saddle reproduce --list shows the ids)' });
  }
  if (out.trim() === '') throw new SaddleError('empty directory', { code: 'INVALID_CONFIG', field: '--out', value: out, fix: 'pass a directory path' });
  const experiment = experimentOf(id, 'saddle sweep');
  const quick = values.quick === true;
  const workers = numberOption(values, 'workers', 1, { integer: true, min: 1, max: 64 });
  const defaults = experiment.config(quick) as Record<string, unknown>;
  if (defaults === null || typeof defaults !== 'object') {
    throw new SaddleError(`${id} has no config fields to sweep`, { code: 'INVALID_CONFIG', field: 'saddle sweep', value: id, fix: 'sweep an experiment with an object config' });
  }
  const axes = gridTexts.map((t) => parseGridAxis(t, defaults));
  const seeds = parseSeeds(typeof values.seeds === 'string' ? values.seeds : '0');
  if (typeof defaults[SEED_FIELD] !== 'number' && !(seeds.length === 1 && seeds[0] === 0)) {
    throw new SaddleError(`${id}'s config has no ${SEED_FIELD} field, so a run cannot choose its seed`, {
      code: 'INVALID_CONFIG', field: '--seeds', value: values.seeds, fix: 'pass --seeds 0 (each cell runs once, with seeds: 1)',
    });
  }
  const runs = expandSweep(axes, seeds);
  const manifest: Manifest = { experiment: id, quick, backend, grid: axes, seeds, runs: runs.map((r) => r.key) };
  await checkManifest(out, manifest);
  const command = ['saddle sweep', id, ...axes.map((a) => `--grid ${a.key}=${a.values.join(',')}`), '--seeds', seeds.join(','), '--workers', String(workers), '--backend', backend, '--out', shellQuote(out), ...(quick ? ['--quick'] : [])].join(' ');

  const started = performance.now();
  const startedAt = new Date();
  const pending = runs.filter((r) => !existsSync(resultsPath(out, r)));
  io.stderr.write(`sweep ${id}: ${runs.length} runs, ${runs.length - pending.length} already finished, ${pending.length} to run on ${Math.min(workers, pending.length)} worker(s)\n`);
  const failures = await runPool(pending, Math.min(workers, pending.length), io, {
    out, backend, quick, command,
    task: (run) => ({ type: 'run', key: run.key, experiment: id, config: runConfig(defaults, run), quick, command }),
  });
  if (failures.length > 0) {
    for (const f of failures) io.stderr.write(`sweep: run ${f.key} failed: ${f.message}\n`);
    io.stderr.write(`sweep: ${failures.length} run(s) failed; rerun the same command to retry them\n`);
    return 1;
  }

  const results = new Map<string, RunResults>();
  for (const run of runs) results.set(run.key, await readResults(out, run));
  const aggregate = aggregateSweep(id, axes, runs, (run) => results.get(run.key) as RunResults);
  const written = await writeReport(out, { id: `sweep-${id}`, title: `Sweep of ${experiment.title}`, paper: experiment.paper }, { defaults, grid: axes, seeds }, aggregate, {
    command, seeds: seeds.length, quick, backend, wallSeconds: (performance.now() - started) / 1000, startedAt: startedAt.toISOString(),
    ...reportEnvironment(),
  });
  io.stdout.write(`${aggregate.summary}\nreport: ${written.html}\n        ${written.markdown}\n        ${written.json}\n`);
  return 0;
}

/** Pulls every `--grid X` / `--grid=X` out of argv (parseFlags takes each flag once). */
function splitGrid(argv: readonly string[]): { gridTexts: string[]; rest: string[] } {
  const gridTexts: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--grid') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new SaddleError('needs a value', { code: 'INVALID_CONFIG', field: '--grid', fix: 'write --grid KEY=V1,V2' });
      gridTexts.push(next);
      i++;
    } else if (arg.startsWith('--grid=')) gridTexts.push(arg.slice('--grid='.length));
    else rest.push(arg);
  }
  return { gridTexts, rest };
}

/** The run's config: the defaults, the cell's values and (when the config has it) firstSeed = the run's seed. */
function runConfig(defaults: Readonly<Record<string, unknown>>, run: SweepRun): Record<string, unknown> {
  return { ...defaults, ...run.cell, ...(typeof defaults[SEED_FIELD] === 'number' ? { [SEED_FIELD]: run.seed } : {}) };
}

const resultsPath = (out: string, run: SweepRun) => join(out, 'runs', run.key, 'results.json');

async function readResults(out: string, run: SweepRun): Promise<RunResults> {
  const path = resultsPath(out, run);
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as RunResults;
    return { comparisons: parsed.comparisons ?? [], data: parsed.data };
  } catch (cause) {
    throw new SaddleError('cannot read a run\'s results', { code: 'CORRUPT_FILE', field: 'results.json', value: path, fix: 'delete that run\'s directory and rerun the sweep', cause });
  }
}

/** Writes the plan, or checks that the directory's plan is this one (a restart of the same sweep). */
async function checkManifest(out: string, manifest: Manifest): Promise<void> {
  const path = join(out, 'sweep.json');
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  if (existsSync(path)) {
    const previous = await readFile(path, 'utf8');
    if (previous !== text) {
      throw new SaddleError('the output directory holds a different sweep', {
        code: 'INVALID_CONFIG', field: '--out', value: out, fix: 'rerun with the same experiment, grid, seeds, backend and --quick, or pass another --out',
      });
    }
    return;
  }
  try {
    await mkdir(out, { recursive: true });
  } catch (cause) {
    throw new SaddleError('cannot create the sweep directory', { code: 'IO_ERROR', field: '--out', value: out, fix: 'pass a writable --out DIR', cause });
  }
  await writeFileAtomic(path, text);
}

interface PoolOptions {
  readonly out: string;
  readonly backend: string;
  readonly quick: boolean;
  readonly command: string;
  readonly task: (run: SweepRun) => WorkerTask;
}

/** Runs `runs` on `lanes` forked workers; resolves to the runs that failed (their worker's error or death). */
async function runPool(runs: readonly SweepRun[], lanes: number, io: CliIo, options: PoolOptions): Promise<{ key: string; message: string }[]> {
  const queue = [...runs];
  const failures: { key: string; message: string }[] = [];
  let finished = 0;
  const lane = async (index: number): Promise<void> => {
    if (queue.length === 0) return;
    const worker = forkWorker(options);
    const stderr: string[] = [];
    worker.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const next = nextMessage(worker, () => stderr.join('').slice(-2000));
    try {
      await expectMessage(await next(), 'ready');
      for (let run = queue.shift(); run !== undefined; run = queue.shift()) {
        io.stderr.write(`sweep: worker ${index} starts ${run.key}\n`);
        worker.send(options.task(run));
        let reply = await next();
        for (; reply.type === 'progress'; reply = await next()) io.stderr.write(`sweep: ${reply.key}: ${reply.stage} ${reply.done}/${reply.total}\n`);
        if (reply.type === 'failed') failures.push({ key: reply.key, message: reply.message });
        else if (reply.type === 'done') io.stderr.write(`sweep: ${++finished}/${runs.length} finished ${run.key} (${reply.seconds.toFixed(1)} s)\n`);
      }
      worker.send({ type: 'exit' });
    } catch (error) {
      failures.push({ key: `worker ${index}`, message: error instanceof Error ? error.message : String(error) });
      worker.kill();
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
  return failures;
}

/** The CLI bundle forked as a worker: dist/cli.js beside this module's bundle. */
function forkWorker(options: PoolOptions): ChildProcess {
  const entry = fileURLToPath(new URL('./cli.js', import.meta.url));
  if (!existsSync(entry)) {
    throw new SaddleError('the sweep worker entry is missing', { code: 'IO_ERROR', field: 'cli.js', value: entry, fix: 'build @saddle/cli (pnpm turbo run build --filter=@saddle/cli...) and run the built saddle' });
  }
  const args = ['sweep', '--worker', '--backend', options.backend, '--out', options.out, ...(options.quick ? ['--quick'] : [])];
  return fork(entry, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
}

/** A reader of the worker's messages in order; a worker that exits first rejects with its stderr. */
function nextMessage(worker: ChildProcess, stderr: () => string): () => Promise<WorkerMessage> {
  const inbox: WorkerMessage[] = [];
  let waiting: { resolve: (m: WorkerMessage) => void; reject: (e: Error) => void } | undefined;
  let exited: Error | undefined;
  worker.on('message', (m: WorkerMessage) => {
    if (waiting === undefined) inbox.push(m);
    else {
      waiting.resolve(m);
      waiting = undefined;
    }
  });
  worker.on('exit', (code, signal) => {
    exited = new Error(`the worker exited (${signal ?? `code ${code}`}) mid-run: ${stderr()}`);
    waiting?.reject(exited);
    waiting = undefined;
  });
  return () => {
    const m = inbox.shift();
    if (m !== undefined) return Promise.resolve(m);
    if (exited !== undefined) return Promise.reject(exited);
    return new Promise((resolve, reject) => (waiting = { resolve, reject }));
  };
}

async function expectMessage(message: WorkerMessage, type: WorkerMessage['type']): Promise<void> {
  if (message.type !== type) throw new Error(`expected "${type}" from the worker, got "${message.type}"`);
}
