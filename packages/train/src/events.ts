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
 * Emitted when a step diverged (NaN/Inf in a loss, gradient, parameter or model state, or a loss
 * beyond `lossLimit`) and the run rolled back to its last good checkpoint to continue with
 * lower learning rates (`TrainOptions.recovery`).
 *
 * @example
 * ```ts
 * if (e.type === 'rollback') console.warn(`step ${e.step}: ${e.reason}; back to step ${e.toStep}, learning rates ×${e.learningRateScale}`);
 * ```
 */
export interface RollbackEvent {
  readonly type: 'rollback';
  /** The step that diverged (1-based). */
  readonly step: number;
  /** The step of the state rolled back to (0: the initial players). */
  readonly toStep: number;
  /** Where that state came from: a checkpoint's location, or `"init"`. */
  readonly from: string;
  /** What diverged. */
  readonly reason: string;
  /** Rollbacks so far in this run, this one included. */
  readonly rollbacks: number;
  /** The factor on every learning rate from now on: `factor^rollbacks`. */
  readonly learningRateScale: number;
}

/**
 * Emitted when a monitor sees the generator drop modes of a toy set (`modeCollapseMonitor`):
 * the modes covered fell well below the best so far, or stayed low for several evaluations.
 * Emitted once on entering that state; a later recovery re-arms it.
 *
 * @example
 * ```ts
 * if (e.type === 'mode-collapse') console.warn(`step ${e.step}: ${e.modesCovered}/${e.modes} modes (best ${e.bestModesCovered})`);
 * ```
 */
export interface ModeCollapseEvent {
  readonly type: 'mode-collapse';
  readonly step: number;
  /** `dropped`: coverage fell by the monitor's drop below its best; `low`: it stayed under the low mark. */
  readonly reason: 'dropped' | 'low';
  readonly modesCovered: number;
  readonly modes: number;
  /** The most modes covered at any evaluation so far. */
  readonly bestModesCovered: number;
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
export type TrainEvent = StartEvent | StepEvent | EvaluationEvent | CheckpointEvent | RollbackEvent | ModeCollapseEvent | EndEvent;

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
  /**
   * Divergence rollbacks so far (default 0); the learning rates are scaled by `factor^rollbacks`,
   * so a resume continues with the rates in effect when the snapshot was taken.
   */
  readonly rollbacks?: number;
}

/**
 * Watches evaluations and raises events of its own (e.g. `modeCollapseMonitor`). The trainer
 * calls it after each `evaluation` event and emits what it returns.
 *
 * @example
 * ```ts
 * const lowLoss: TrainMonitor = (e) => (e.metrics.modesCovered === 0 ? { type: 'mode-collapse', step: e.step, reason: 'low', modesCovered: 0, modes: 8, bestModesCovered: 0 } : undefined);
 * ```
 */
export type TrainMonitor = (evaluation: EvaluationEvent) => ModeCollapseEvent | undefined;

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
