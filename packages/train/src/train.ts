import * as tf from '@tensorflow/tfjs-core';
import {
  disposeReplaced,
  disposeTree,
  SaddleError,
  type BatchSource,
  type GameOptimizer,
  type GameStepResult,
  type Params,
  type PerPlayer,
  type Rng,
} from '@saddle/core';
import type { StepMetrics, TrainEvent, TrainHook, TrainListener, TrainMonitor, TrainSnapshot } from './events.js';
import type { GanGame } from './gan-game.js';
import { describeDivergence, divergenceError, finiteGuard } from './internal/finite-guard.js';

/**
 * Where a resumed run starts: a checkpoint's completed step count and the players and optimizer
 * state saved at it. `train` takes ownership of the tensors (and frees them like its own).
 *
 * @example
 * ```ts
 * const { checkpoint } = await checkpointStore('runs/ring/checkpoints', { keep: 3 }).latest();
 * const result = await train({ ...options, resume: checkpoint });
 * ```
 */
export interface TrainResume<S> {
  /** Steps already completed; the run continues with step `step + 1` (1-based) up to `steps`. */
  readonly step: number;
  readonly params: PerPlayer<Params>;
  readonly state: PerPlayer<Params>;
  readonly optimizerState: S;
  /** Gradient evaluations made up to `step`, so logged counts continue (default 0). */
  readonly gradientEvaluations?: number;
  /** Divergence rollbacks made up to `step` (default 0): the learning rates continue scaled by `factor^rollbacks`. */
  readonly rollbacks?: number;
}

/**
 * What to do when a step diverges: roll back to the last good state and continue with every
 * learning rate multiplied by `factor` once more, at most `maxRetries` times per run; then stop
 * with `NON_FINITE`. Each rollback is a `rollback` event.
 *
 * @example
 * ```ts
 * const recovery: DivergenceRecovery<unknown> = {
 *   maxRetries: 3, factor: 0.5,
 *   optimizer: (scale) => simultaneous({ generator: adam({ learningRate: 1e-3 * scale }), discriminator: adam({ learningRate: 1e-3 * scale }) }),
 *   restore: () => store.latest(), // { checkpoint, location }
 * };
 * ```
 */
export interface DivergenceRecovery<S> {
  /** Rollbacks allowed per run (resumes included), ≥ 0. */
  readonly maxRetries: number;
  /** Multiplier on the learning rates per rollback, in (0, 1) (default 0.5). */
  readonly factor?: number;
  /**
   * The game optimizer with every learning rate multiplied by `learningRateScale` (1 at the
   * start of a fresh run). Its state must have the layout of `optimizer`'s: a rollback keeps
   * the restored moments and averages.
   */
  optimizer(learningRateScale: number): GameOptimizer<S>;
  /**
   * The last good state, usually the newest checkpoint that loads (the trainer takes ownership
   * of its tensors); `undefined` restarts from the initial players at step 0.
   */
  restore(): Promise<{ readonly checkpoint: TrainResume<S>; readonly location: string } | undefined>;
}

/**
 * Everything one training run needs, as objects (strings are mapped at the edge, e.g. the CLI).
 *
 * @example
 * ```ts
 * const options: TrainOptions<tf.Tensor2D, unknown> = { game, optimizer, data: gaussianRing(), batchSize: 256, steps: 3000, rng: createRng(0) };
 * ```
 */
export interface TrainOptions<R extends tf.Tensor, S> {
  readonly game: GanGame<R>;
  readonly optimizer: GameOptimizer<S>;
  readonly data: BatchSource<R>;
  readonly batchSize: number;
  readonly steps: number;
  /**
   * Root key: init from `rng.fold('init')`, data from `rng.fold('data')`, z from
   * `rng.fold('latents').fold(step)`, a game penalty's draws from `rng.fold('penalty').fold(step)`.
   */
  readonly rng: Rng;
  /** Read the losses back and emit a `step` event every this many steps (default 100). */
  readonly logEvery?: number;
  readonly evaluate?: TrainHook<Readonly<Record<string, number>>>;
  /** Saves the snapshot (players and optimizer state); resolves to where it went. */
  readonly checkpoint?: TrainHook<string>;
  readonly onEvent?: TrainListener | readonly TrainListener[];
  /** Watch each evaluation and emit their events (e.g. `modeCollapseMonitor()`). */
  readonly monitors?: readonly TrainMonitor[];
  /** A loss with |L| above this is a divergence, like NaN/Inf (default ∞: NaN/Inf only). */
  readonly lossLimit?: number;
  /** Roll back and lower the learning rates on divergence instead of stopping at once. */
  readonly recovery?: DivergenceRecovery<S>;
  /**
   * Continue from a checkpoint instead of initialising: with the same other options, the run's
   * parameters are bitwise those of an uninterrupted run. Needs a data source that honours
   * `BatchOptions.startStep` (every `@saddle/datasets` source does).
   */
  readonly resume?: TrainResume<S>;
}

/**
 * What `train` returns. The caller owns `params` and `state` and disposes them.
 *
 * @example
 * ```ts
 * const { params, state, last } = await train(options);
 * console.log(`L_D ${last.lossD}, L_G ${last.lossG}`);
 * disposeTree([params, state]);
 * ```
 */
export interface TrainResult {
  readonly params: PerPlayer<Params>;
  readonly state: PerPlayer<Params>;
  /** The last step's metrics. */
  readonly last: StepMetrics;
  /** The last evaluation's metrics, if an `evaluate` hook was given. */
  readonly evaluation: Readonly<Record<string, number>> | undefined;
  readonly seconds: number;
}

/**
 * Trains a GAN game. Each step draws the next real batch and z ~ N(0, I) from
 * `rng.fold('latents').fold(step)`, calls `optimizer.step(gradFn, params, state)` and frees what
 * the step replaced, so `tf.memory().numTensors` stays flat. Every step checks, with one
 * read-back, that the losses and gradients of each gradient evaluation and the new parameters
 * and model state are finite (and |L| ≤ `lossLimit`); the first divergence stops the run with a
 * `NON_FINITE` error naming the step, player, tensor and the last checkpoint the `checkpoint`
 * hook wrote, or, with `recovery`, rolls back to the last good state and continues with lower
 * learning rates (a `rollback` event) until `recovery.maxRetries` is spent. Losses are
 * read back for events only on logged steps. The same options and seed give bitwise-identical
 * parameters on a given backend, also across a `resume` from a checkpoint.
 *
 * @example
 * ```ts
 * const result = await train({
 *   game: ganGame({ generator, discriminator, loss: nonSaturating, latentSize: 8 }),
 *   optimizer: simultaneous({ generator: adam({ learningRate: 1e-3 }), discriminator: adam({ learningRate: 1e-3 }) }),
 *   data: gaussianRing(), batchSize: 256, steps: 2000, rng: createRng(0),
 *   onEvent: (e) => { if (e.type === 'step') console.log(e.step, e.lossD, e.lossG); },
 * });
 * disposeTree([result.params, result.state]);
 * ```
 */
export async function train<R extends tf.Tensor, S>(options: TrainOptions<R, S>): Promise<TrainResult> {
  const { game, data, batchSize, steps, rng, evaluate, checkpoint, resume, recovery } = options;
  const logEvery = options.logEvery ?? 100;
  const lossLimit = options.lossLimit ?? Infinity;
  const factor = recovery?.factor ?? 0.5;
  checkCount('steps', steps);
  checkCount('batchSize', batchSize);
  checkCount('logEvery', logEvery);
  if (evaluate?.every !== undefined) checkCount('evaluate.every', evaluate.every);
  if (checkpoint?.every !== undefined) checkCount('checkpoint.every', checkpoint.every);
  if (!(lossLimit > 0)) refuse('lossLimit', lossLimit, 'a number > 0, or leave it out for NaN/Inf only');
  if (recovery !== undefined && !(Number.isSafeInteger(recovery.maxRetries) && recovery.maxRetries >= 0)) refuse('recovery.maxRetries', recovery.maxRetries, 'an integer ≥ 0');
  if (!(factor > 0 && factor < 1)) refuse('recovery.factor', factor, 'a number in (0, 1) such as 0.5');
  if (resume !== undefined && (!Number.isSafeInteger(resume.step) || resume.step < 0 || resume.step >= steps)) {
    throw new SaddleError(`cannot resume from step ${resume.step} of a ${steps}-step run`, {
      code: 'INVALID_ARGUMENT', field: 'resume.step', value: resume.step, fix: `pass steps greater than ${resume.step} to train further`,
    });
  }
  let rollbacks = resume?.rollbacks ?? 0;
  if (rollbacks > 0 && recovery === undefined) {
    throw new SaddleError(`the checkpoint was taken after ${rollbacks} divergence rollbacks, with lower learning rates`, {
      code: 'INVALID_ARGUMENT', field: 'recovery', value: rollbacks, fix: 'pass the recovery options the run was trained with, so its learning rates continue scaled',
    });
  }
  const listeners: readonly TrainListener[] =
    options.onEvent === undefined ? [] : typeof options.onEvent === 'function' ? [options.onEvent] : options.onEvent;
  const emit = async (event: TrainEvent): Promise<void> => {
    for (const listener of listeners) await listener(event);
  };

  const started = performance.now();
  const first = resume?.step ?? 0;
  let optimizer = rollbacks === 0 ? options.optimizer : recovery!.optimizer(factor ** rollbacks);
  const init = resume ?? game.init(rng.fold('init'));
  let params = init.params;
  let state = init.state;
  let optState = resume?.optimizerState ?? optimizer.init(params);
  const open = (startStep: number) => data.batches({ batchSize, rng: rng.fold('data'), startStep })[Symbol.asyncIterator]();
  let batches = open(first);
  const guard = finiteGuard(lossLimit);
  let lastCheckpoint: string | undefined;
  const latentRng = rng.fold('latents');
  const penaltyRng = rng.fold('penalty');
  let gradientEvaluations = resume?.gradientEvaluations ?? 0;
  let last: StepMetrics | undefined;
  let evaluation: Readonly<Record<string, number>> | undefined;
  // What the step in flight holds, freed with the players if anything throws.
  let inFlight: (() => tf.TensorContainer) | undefined;
  // Rates count step time only (loss read-back included), not listeners or hooks.
  let busyMs = 0;
  let lapStep = first;

  /**
   * Step `step` diverged: free what the step holds, then stop, or free the players, restore the
   * last good state, lower the learning rates and reopen the data at the restored step; resolves
   * to that step.
   */
  const rollBack = async (step: number, field: string | undefined, reason: string, cause?: unknown): Promise<number> => {
    guard.dispose();
    disposeTree(inFlight?.() ?? []);
    inFlight = undefined;
    if (recovery === undefined || rollbacks >= recovery.maxRetries) throw divergenceError(step, field, reason, lastCheckpoint, rollbacks, cause);
    disposeTree([params, state, optState as tf.TensorContainer]);
    await batches.return?.();
    const restored = await recovery.restore();
    rollbacks += 1;
    optimizer = recovery.optimizer(factor ** rollbacks);
    const fresh = restored?.checkpoint ?? game.init(rng.fold('init'));
    params = fresh.params;
    state = fresh.state;
    optState = restored?.checkpoint.optimizerState ?? optimizer.init(params);
    gradientEvaluations = restored?.checkpoint.gradientEvaluations ?? 0;
    const toStep = restored?.checkpoint.step ?? 0;
    batches = open(toStep);
    busyMs = 0;
    lapStep = toStep;
    await emit({ type: 'rollback', step, toStep, from: restored?.location ?? 'init', reason, rollbacks, learningRateScale: factor ** rollbacks });
    return toStep;
  };

  try {
    await emit({ type: 'start', steps, startStep: first, batchSize, parameterCount: { generator: count(params.generator), discriminator: count(params.discriminator) } });
    for (let step = first; step < steps; step++) {
      const stepStart = performance.now();
      const next = await batches.next();
      if (next.done === true) {
        throw new SaddleError(`the data source "${data.name}" ran out after ${step - first} batches`, {
          code: 'INVALID_ARGUMENT', field: 'data', value: data.name, fix: 'use an unbounded source or fewer steps',
        });
      }
      const real = next.value;
      const latents = game.latents(latentRng.fold(step), batchSize);
      const gradients = game.gradients({ real, latents, rng: penaltyRng.fold(step) }, state);
      inFlight = () => [real, latents, gradients.state()];
      let out: GameStepResult<S>;
      try {
        // The tidy frees what a step that throws half-way (a loss refusing NaN logits after the
        // discriminator's move of an alternating step) made; a step that returns made nothing else.
        const gradFn = guard.wrap(gradients.gradFn);
        out = tf.tidy(() => optimizer.step(gradFn, params, optState) as unknown as tf.TensorContainer) as unknown as GameStepResult<S>;
      } catch (error) {
        if (!(error instanceof SaddleError && error.code === 'NON_FINITE')) throw error;
        step = (await rollBack(step + 1, error.field, `a loss refused its input: ${error.message}`, error)) - 1;
        continue;
      }
      const nextState = gradients.state();
      disposeReplaced([params, state, optState as tf.TensorContainer], [out.params, nextState, out.state as tf.TensorContainer]);
      tf.dispose([real, latents]);
      inFlight = () => out.losses;
      params = out.params;
      state = nextState;
      optState = out.state;
      gradientEvaluations += out.gradientEvaluations;

      const done = step + 1;
      const divergence = await guard.check(done, params, state);
      if (divergence !== undefined) {
        step = (await rollBack(done, `${divergence.player}/${divergence.tensor}`, describeDivergence(divergence, lossLimit))) - 1;
        continue;
      }
      const logged = done % logEvery === 0 || done === steps;
      const losses = logged ? await Promise.all([out.losses.discriminator.data(), out.losses.generator.data()]) : undefined;
      disposeTree(out.losses);
      inFlight = undefined;
      busyMs += performance.now() - stepStart;
      if (losses !== undefined) {
        last = {
          step: done,
          lossD: losses[0][0] as number,
          lossG: losses[1][0] as number,
          gradientEvaluations,
          stepsPerSecond: (done - lapStep) / (busyMs / 1000),
        };
        busyMs = 0;
        lapStep = done;
        await emit({ type: 'step', ...last });
      }
      const snapshot: TrainSnapshot = { step: done, params, state, optimizerState: optState as tf.TensorContainer, gradientEvaluations, rollbacks };
      if (due(evaluate, done, steps)) {
        evaluation = await evaluate!.run(snapshot);
        const event = { type: 'evaluation', step: done, metrics: evaluation } as const;
        await emit(event);
        for (const monitor of options.monitors ?? []) {
          const raised = monitor(event);
          if (raised !== undefined) await emit(raised);
        }
      }
      if (due(checkpoint, done, steps)) {
        lastCheckpoint = await checkpoint!.run(snapshot);
        await emit({ type: 'checkpoint', step: done, location: lastCheckpoint });
      }
    }
    await batches.return?.();
  } catch (error) {
    guard.dispose();
    disposeTree([params, state, optState as tf.TensorContainer, inFlight?.() ?? []]);
    throw error;
  }
  disposeTree(optState as tf.TensorContainer);
  const seconds = (performance.now() - started) / 1000;
  await emit({ type: 'end', steps, seconds });
  return { params, state, last: last!, evaluation, seconds };
}

function due(hook: TrainHook<unknown> | undefined, step: number, steps: number): boolean {
  return hook !== undefined && (step === steps || (hook.every !== undefined && step % hook.every === 0));
}

function count(params: Params): number {
  return Object.values(params).reduce((n, t) => n + t.size, 0);
}

function refuse(field: string, value: number, allowed: string): never {
  throw new SaddleError('out of range', { code: 'INVALID_ARGUMENT', field, value, fix: `pass ${allowed}` });
}

function checkCount(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new SaddleError('must be a positive integer', {
      code: 'INVALID_ARGUMENT', field, value, fix: `pass ${field} ≥ 1`,
    });
  }
}
