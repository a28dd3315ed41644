import type * as tf from '@tensorflow/tfjs-core';
import type { Params, PerPlayer } from '@saddle/core';

/**
 * Emitted once before the first step.
 *
 * @example
 * ```ts
 * if (e.type === 'start') console.log(`G has ${e.parameterCount.generator} parameters`);
 * ```
 */
export interface StartEvent {
  readonly type: 'start';
  /** Total steps of the run. */
  readonly steps: number;
  /** Steps already completed: 0, or the checkpoint's step when resuming. */
  readonly startStep: number;
  readonly batchSize: number;
  /** Number of scalar parameters of each player. */
  readonly parameterCount: PerPlayer<number>;
}

/**
 * The numbers of one logged step.
 *
 * @example
 * ```ts
 * const rate = (m: StepMetrics) => m.gradientEvaluations / m.step; // gradient evaluations per step
 * ```
 */
export interface StepMetrics {
  /** Steps completed (1-based: the last event of a run has `step === steps`). */
  readonly step: number;
  /** The discriminator's loss L_D at this step's last gradient evaluation. */
  readonly lossD: number;
  /** The generator's loss L_G at this step's last gradient evaluation. */
  readonly lossG: number;
  /** Gradient evaluations since the start, for comparisons at an equal gradient budget. */
  readonly gradientEvaluations: number;
  /** Steps per second since the previous logged step. */
  readonly stepsPerSecond: number;
}

/**
 * Emitted every `logEvery` steps and after the last step.
 *
 * @example
 * ```ts
 * if (e.type === 'step') chart.push(e.step, e.lossD, e.lossG);
 * ```
 */
export interface StepEvent extends StepMetrics {
  readonly type: 'step';
}

/**
 * Emitted after the `evaluate` hook ran.
 *
 * @example
 * ```ts
 * if (e.type === 'evaluation') console.log(e.step, e.metrics);
 * ```
 */
export interface EvaluationEvent {
  readonly type: 'evaluation';
  readonly step: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/**
 * Emitted after the `checkpoint` hook saved the players.
 *
 * @example
 * ```ts
 * if (e.type === 'checkpoint') console.log(`saved to ${e.location}`);
 * ```
 */
export interface CheckpointEvent {
  readonly type: 'checkpoint';
  readonly step: number;
  /** Where the hook put it (a path, a URL, a key). */
  readonly location: string;
}

/**
 * Emitted once after the last step and its hooks.
 *
 * @example
 * ```ts
 * if (e.type === 'end') console.log(`${e.steps} steps in ${e.seconds} s`);
 * ```
 */
export interface EndEvent {
  readonly type: 'end';
  readonly steps: number;
  /** Wall time of the run, hooks included. */
  readonly seconds: number;
}

/**
 * What the trainer reports. UIs, loggers and run directories subscribe; the loop knows none
 * of them (design §8: no training loop mixed with UI code).
 *
 * @example
 * ```ts
 * const onEvent = (e: TrainEvent) => { if (e.type === 'step') bar.update(e.step); };
 * ```
 */
export type TrainEvent = StartEvent | StepEvent | EvaluationEvent | CheckpointEvent | EndEvent;

/**
 * A subscriber to trainer events. The trainer awaits it, so a listener that writes a file
 * finishes before the next step's event.
 *
 * @example
 * ```ts
 * const log: TrainListener = (e) => { if (e.type === 'step') console.log(e.step, e.lossD, e.lossG); };
 * await train({ ...options, onEvent: log });
 * ```
 */
export type TrainListener = (event: TrainEvent) => void | Promise<void>;

/**
 * The players and the optimizer state at a completed step, lent to a hook: valid only until the
 * hook's promise settles. Hooks read it, never dispose it. With the run's root RNG key it is a
 * complete checkpoint.
 *
 * @example
 * ```ts
 * const save = async (snapshot: TrainSnapshot) => writeCheckpoint(`ckpt-${snapshot.step}`, { ...snapshot, rngKey: rng.key });
 * ```
 */
export interface TrainSnapshot {
  readonly step: number;
  readonly params: PerPlayer<Params>;
  readonly state: PerPlayer<Params>;
  /** The game optimizer's state (moments, step counts, averages, fictitious-play history). */
  readonly optimizerState: tf.TensorContainer;
  /** Gradient evaluations since the start of the run. */
  readonly gradientEvaluations: number;
}

/**
 * Work the trainer runs on a snapshot every `every` steps and always after the last step.
 *
 * @example
 * ```ts
 * const evaluate: TrainHook<Record<string, number>> = { every: 1000, run: async (s) => ({ modes: await countModes(s) }) };
 * ```
 */
export interface TrainHook<T> {
  /** Period in steps (default: only after the last step). */
  readonly every?: number;
  run(snapshot: TrainSnapshot): Promise<T> | T;
}
