import type * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, useBackend, type BatchSource, type Rng } from '@saddle/core';
import { train } from '@saddle/train';
import { createRunDirectory, progressListener, type ProgressStream } from '@saddle/train/node';
import { buildRun } from '../build-run.js';
import { readConfigFile, resolveTrainConfig } from '../config/resolve.js';
import { EVALUATION_PROTOCOL, modeCoverageHook } from '../mode-coverage-hook.js';
import { TRAIN_HELP } from './help.js';
import { parseTrainArgs } from './train-args.js';

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
 * directory; prints the directory and the mode coverage. Resolves to the exit code.
 *
 * @example
 * ```ts
 * const code = await trainCommand(['--steps', '500', '--out', 'runs/quick'], { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function trainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseTrainArgs(argv);
  if (args.help) {
    io.stdout.write(TRAIN_HELP);
    return 0;
  }
  const file = args.configPath === undefined ? {} : await readConfigFile(args.configPath);
  // A file that is not an object is passed through for the schema to refuse by type.
  const input = isRecord(file) ? { ...file, ...args.overrides } : file;
  const source = args.configPath ?? 'defaults and flags';
  const config = resolveTrainConfig(input, source, (path) => (Object.hasOwn(args.overrides, path) ? `--${path}` : path));
  const resolved = { ...config, out: config.out ?? defaultRunDirectory(config.seed) };

  const { backend, data, game, optimizer } = buildRun(resolved);
  await useBackend(backend);
  const run = await createRunDirectory(resolved.out, resolved);
  const rng = createRng(resolved.seed);
  const evaluate = modeCoverageHook(game, data, rng.fold('evaluation'));
  const result = await train({
    game, optimizer, data, rng, evaluate,
    batchSize: resolved.batchSize,
    steps: resolved.steps,
    logEvery: resolved.logEvery,
    checkpoint: { run: (snapshot) => run.saveCheckpoint(snapshot) },
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
    seconds: result.seconds,
    stepsPerSecond: resolved.steps / result.seconds,
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
