import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, SaddleError, useBackend, type BatchSource, type Rng } from '@saddle/core';
import { modeCollapseMonitor, train, type GanGame, type TrainMonitor } from '@saddle/train';
import {
  collectRunMetadata,
  createRunDirectory,
  dataParallelGame,
  type DataParallelGame,
  packageVersions,
  progressListener,
  resumeRunDirectory,
  type Checkpoint,
  type ProgressStream,
  type RunDirectory,
  type RunMetadata,
} from '@saddle/train/node';
import packageJson from '../../package.json' with { type: 'json' };
import { buildRun, gameOptimizer, type RunParts } from '../build-run.js';
import { parallelOptions } from '../parallel-parts.js';
import { readConfigFile, resolveTrainConfig } from '../config/resolve.js';
import type { TrainConfig } from '../config/schema.js';
import { EVALUATION_PROTOCOL, modeCoverageHook } from '../mode-coverage-hook.js';
import { TRAIN_HELP } from './help.js';
import { parseTrainArgs, type TrainArgs } from './train-args.js';

/**
 * Where the CLI writes: results to `stdout`, progress and errors to `stderr`.
 *
 * @example
 * ```ts
 * const io: CliIo = { stdout: process.stdout, stderr: process.stderr };
 * ```
 */
export interface CliIo {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
}

/**
 * `saddle train`: resolves the config (defaults ← file ← flags), trains, and writes the run
 * directory, with a checkpoint every `checkpointEvery` steps; prints the directory and the mode
 * coverage. `--resume DIR` continues DIR's run from its newest good checkpoint (the run's
 * `config.json`, optionally with a larger `--steps`), bit-identical to an uninterrupted run on
 * the same backend. A diverging step rolls back to the newest checkpoint with lower learning
 * rates (`divergence` in the config), and a mode-collapse monitor watches the coverage measured
 * every `evaluateEvery` steps; both are logged to stderr and `metrics.jsonl`. `run.json` records
 * the runtime, machine, package versions and git revision. Resolves to the exit code.
 *
 * @example
 * ```ts
 * const code = await trainCommand(['--steps', '500', '--out', 'runs/quick'], { stdout: process.stdout, stderr: process.stderr });
 * await trainCommand(['--resume', 'runs/quick', '--steps', '1000'], { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function trainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseTrainArgs(argv);
  if (args.help) {
    io.stdout.write(TRAIN_HELP);
    return 0;
  }
  const resolved = args.resume === undefined ? await freshConfig(args) : await resumedConfig(args, args.resume);
  const { backend, data, game: local, optimizer } = buildRun(resolved);
  await useBackend(backend);
  const game = resolved.workers === 1 ? local : await dataParallelGame<tf.Tensor2D>(parallelOptions(resolved));
  if (game !== local) io.stderr.write(`data-parallel: ${resolved.workers} worker threads on ${resolved.backend}, batch shards of ≈ ${Math.round(resolved.batchSize / resolved.workers)}\n`);
  try {
    return await trainWith(args, resolved, game, data, optimizer, io);
  } finally {
    if (game !== local) await (game as DataParallelGame).dispose();
  }
}

/** Trains `game` as the resolved config says and writes the run directory. */
async function trainWith(
  args: TrainArgs, resolved: TrainConfig & { out: string }, game: GanGame<tf.Tensor2D>, data: RunParts['data'], optimizer: RunParts['optimizer'], io: CliIo,
): Promise<number> {
  const rng = createRng(resolved.seed);
  const options = { keepCheckpoints: resolved.keepCheckpoints, metadata: await runMetadata() };
  let run: RunDirectory;
  let resume: Checkpoint | undefined;
  if (args.resume === undefined) {
    run = await createRunDirectory(resolved.out, resolved, options);
  } else {
    const resumed = await resumeRunDirectory(resolved.out, resolved, options);
    run = resumed.run;
    resume = resumed.loaded.checkpoint;
    for (const { location, reason } of resumed.loaded.skipped) io.stderr.write(`saddle: warning: skipped checkpoint ${location}: ${reason}\n`);
    checkResumable(resume, resolved, rng);
    io.stderr.write(`resuming from ${resumed.loaded.location}\n`);
  }
  const evaluate = modeCoverageHook(game, data, rng.fold('evaluation'), resolved.evaluateEvery);
  const monitor = modeCollapseMonitor();
  if (resume !== undefined) await replayEvaluations(join(run.path, 'metrics.jsonl'), monitor);
  const { maxRetries, factor, lossLimit } = resolved.divergence;
  const result = await train({
    game, optimizer, data, rng, evaluate, resume, lossLimit,
    monitors: [monitor],
    recovery: {
      maxRetries, factor,
      optimizer: (scale) => gameOptimizer(resolved.optimizer, scale),
      async restore() {
        if ((await run.checkpoints.list()).length === 0) return undefined;
        const loaded = await run.checkpoints.latest();
        for (const { location, reason } of loaded.skipped) io.stderr.write(`saddle: warning: skipped checkpoint ${location}: ${reason}\n`);
        return loaded;
      },
    },
    batchSize: resolved.batchSize,
    steps: resolved.steps,
    logEvery: resolved.logEvery,
    checkpoint: { every: resolved.checkpointEvery, run: (snapshot) => run.saveCheckpoint({ ...snapshot, rngKey: rng.key, config: resolved }) },
    onEvent: [run.listener, progressListener(io.stderr)],
  });
  disposeTree([result.params, result.state]);

  const { generated, coverage } = evaluate.latest!;
  await run.writeSamples({ real: await realSamples(data, rng.fold('evaluation-real'), EVALUATION_PROTOCOL.samples), generated });
  const modes = data.centers.length;
  await run.writeSummary({
    backend: resolved.backend,
    seed: resolved.seed,
    steps: resolved.steps,
    resumedFrom: resume?.step,
    seconds: result.seconds,
    stepsPerSecond: (resolved.steps - (resume?.step ?? 0)) / result.seconds,
    lossD: result.last.lossD,
    lossG: result.last.lossG,
    gradientEvaluations: result.last.gradientEvaluations,
    modes,
    modesCovered: coverage.modesCovered,
    highQualityFraction: coverage.highQualityFraction,
    countsPerMode: coverage.countsPerMode,
    evaluation: EVALUATION_PROTOCOL,
  });
  io.stdout.write(
    `run directory: ${run.path}\n` +
      `modes covered: ${coverage.modesCovered}/${modes}, high-quality fraction: ${coverage.highQualityFraction.toFixed(3)} ` +
      `(${EVALUATION_PROTOCOL.samples} samples, within ${EVALUATION_PROTOCOL.radiusInStd}σ of a mode)\n`,
  );
  return 0;
}

/** The config of a new run: defaults ← `--config` file ← flags, with a default `out`. */
async function freshConfig(args: TrainArgs): Promise<TrainConfig & { out: string }> {
  const file = args.configPath === undefined ? {} : await readConfigFile(args.configPath);
  // A file that is not an object is passed through for the schema to refuse by type.
  const input = isRecord(file) ? { ...file, ...args.overrides } : file;
  const source = args.configPath ?? 'defaults and flags';
  const config = resolveTrainConfig(input, source, (path) => (Object.hasOwn(args.overrides, path) ? `--${path}` : path));
  return { ...config, out: config.out ?? defaultRunDirectory(config.seed) };
}

/** The config of a resumed run: DIR/config.json, validated again, with `--steps` the only override allowed. */
async function resumedConfig(args: TrainArgs, dir: string): Promise<TrainConfig & { out: string }> {
  const others = [...(args.configPath === undefined ? [] : ['config']), ...Object.keys(args.overrides).filter((k) => k !== 'steps')];
  if (others.length > 0) {
    throw new SaddleError('a resumed run keeps its config; only --steps may change', {
      code: 'INVALID_CONFIG', field: `--${others[0]}`, fix: `remove ${others.map((o) => `--${o}`).join(', ')}, or start a new run without --resume`,
    });
  }
  const path = join(dir, 'config.json');
  const file = await readConfigFile(path).catch((error: unknown) => {
    throw error instanceof SaddleError
      ? new SaddleError(`cannot resume: ${error.message}`, { code: error.code, field: '--resume', value: dir, cause: error, fix: 'pass a run directory written by saddle train' })
      : error;
  });
  const input = isRecord(file) ? { ...file, ...args.overrides } : file;
  const config = resolveTrainConfig(input, path, (p) => (Object.hasOwn(args.overrides, p) ? `--${p}` : p));
  return { ...config, out: dir };
}

/** `run.json`'s record of this process: runtime, machine, git revision and the versions of the CLI and its `@saddle/*` packages. */
async function runMetadata(): Promise<RunMetadata> {
  const names = Object.keys(packageJson.dependencies).filter((name) => name.startsWith('@saddle/'));
  const packages = { [packageJson.name]: packageJson.version, ...(await packageVersions(names, import.meta.url)) };
  return collectRunMetadata({ packages });
}

/**
 * Feeds the evaluations a resumed run already logged (those up to its checkpoint) to the
 * monitor, so that it continues as in an uninterrupted run; the events it raises now were
 * logged then.
 */
async function replayEvaluations(metricsPath: string, monitor: TrainMonitor): Promise<void> {
  const text = await readFile(metricsPath, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    if (!line.startsWith('{"event":"evaluation"')) continue;
    const { step, metrics } = JSON.parse(line) as { step: number; metrics: Record<string, number> };
    monitor({ type: 'evaluation', step, metrics });
  }
}

/** Refuses a checkpoint from another seed or config, or one at or past the last step; frees it then. */
function checkResumable(checkpoint: Checkpoint, config: TrainConfig, rng: Rng): void {
  const comparable = (c: unknown) => JSON.stringify({ ...(c as object), steps: undefined, out: undefined });
  const problem =
    checkpoint.rngKey[0] !== rng.key[0] || checkpoint.rngKey[1] !== rng.key[1] || comparable(checkpoint.config) !== comparable(config)
      ? { message: 'the newest good checkpoint was written by another config or seed', field: '--resume', fix: 'resume with the config.json the checkpoint was written with' }
      : checkpoint.step >= config.steps
        ? { message: `the run is complete at step ${checkpoint.step}`, field: '--steps', fix: `pass --steps greater than ${checkpoint.step} to train further` }
        : undefined;
  if (problem === undefined) return;
  disposeTree([checkpoint.params, checkpoint.state, checkpoint.optimizerState]);
  throw new SaddleError(problem.message, { code: 'INVALID_CONFIG', field: problem.field, value: config.steps, fix: problem.fix });
}

/** One batch of real points to plot beside the generated ones. */
async function realSamples(data: BatchSource<tf.Tensor2D>, rng: Rng, count: number): Promise<Float32Array> {
  const batches = data.batches({ batchSize: count, rng })[Symbol.asyncIterator]();
  const { value } = await batches.next();
  await batches.return?.();
  const points = (await value.data()) as Float32Array;
  value.dispose();
  return points;
}

function defaultRunDirectory(seed: number): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `runs/${stamp}-seed${seed}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
