import * as tf from '@tensorflow/tfjs-core';
import { PLAYERS, SaddleError, type GameGradientFn, type Params, type PerPlayer } from '@saddle/core';

/** Where a bad value was found. */
export interface Divergence {
  readonly step: number;
  readonly kind: 'loss' | 'gradient' | 'parameter' | 'model state';
  readonly player: string;
  readonly tensor: string;
  /** 1-based gradient evaluation within the step, for losses and gradients. */
  readonly evaluation?: number;
  /** NaN or ±Inf, or a finite loss beyond the limit (an explosion). */
  readonly problem: 'non-finite' | 'explosion';
  /** The loss value for an explosion (the tensor's sum otherwise). */
  readonly value: number;
}

type Probe = Omit<Divergence, 'step' | 'problem' | 'value'>;

/**
 * A per-step check on the losses and gradients of every gradient evaluation and on the
 * parameters and model state after the step. Each tensor contributes one scalar, its sum Σ x,
 * which is finite when every element is (a NaN or ±Inf element makes it NaN or ±Inf; only
 * finite values beyond ~3e38/size, a divergence anyway, overflow it). A loss is a scalar, so its
 * sum is the loss itself and |L| > `lossLimit` is caught by the same read-back. The check is one
 * sum per tensor plus one stack and one read-back per step.
 */
export interface FiniteGuard {
  /** Wraps a step's `gradFn` so that each call's losses and gradients are checked. */
  wrap(gradFn: GameGradientFn): GameGradientFn;
  /** Adds the new parameters and state, reads every flag of the step, and resolves to the first bad tensor, if any. */
  check(step: number, params: PerPlayer<Params>, state: PerPlayer<Params>): Promise<Divergence | undefined>;
  /** Frees the flags of a step that threw before `check`. */
  dispose(): void;
}

/** A fresh guard; one per run. `lossLimit` bounds |L| (default ∞: only NaN/Inf). */
export function finiteGuard(lossLimit = Infinity): FiniteGuard {
  let flags: tf.Scalar[] = [];
  let probes: Probe[] = [];
  let evaluation = 0;
  const add = (tensor: tf.Tensor, probe: Probe): void => {
    flags.push(tf.keep(tf.sum(tensor)));
    probes.push(probe);
  };
  const addTrees = (tree: PerPlayer<Params>, kind: Probe['kind']): void => {
    for (const player of PLAYERS) for (const [name, t] of Object.entries(tree[player])) add(t, { kind, player, tensor: name });
  };
  const reset = (): void => {
    tf.dispose(flags);
    flags = [];
    probes = [];
    evaluation = 0;
  };
  return {
    wrap: (gradFn) => (params, request) => {
      const out = gradFn(params, request);
      evaluation += 1;
      for (const player of PLAYERS) {
        add(out.losses[player], { kind: 'loss', player, tensor: player === 'generator' ? 'L_G' : 'L_D', evaluation });
        for (const [name, g] of Object.entries(out.grads[player])) add(g, { kind: 'gradient', player, tensor: name, evaluation });
      }
      return out;
    },
    async check(step, params, state) {
      addTrees(params, 'parameter');
      addTrees(state, 'model state');
      const stacked = tf.stack(flags);
      const values = await stacked.data();
      stacked.dispose();
      const found = probes.map((probe, i) => ({ probe, value: values[i] as number })).find(({ probe, value }) =>
        !Number.isFinite(value) || (probe.kind === 'loss' && Math.abs(value) > lossLimit));
      reset();
      if (found === undefined) return undefined;
      return { step, ...found.probe, problem: Number.isFinite(found.value) ? 'explosion' : 'non-finite', value: found.value };
    },
    dispose: reset,
  };
}

/** One sentence on what went wrong at a step, for events and the final error. */
export function describeDivergence(divergence: Divergence, lossLimit: number): string {
  const { player, kind, tensor, evaluation, problem, value } = divergence;
  const where = evaluation === undefined ? '' : ` (gradient evaluation ${evaluation} of the step)`;
  const what = problem === 'non-finite' ? 'has NaN or ±Inf values' : `exploded to ${value} (|L| > ${lossLimit})`;
  return `the ${player}'s ${kind} ${tensor} ${what}${where}`;
}

/**
 * The error that stops a diverged run: the step, what diverged (`field`, `description`), the
 * last good checkpoint, the rollbacks already tried, and what to try next.
 */
export function divergenceError(
  step: number,
  field: string | undefined,
  description: string,
  lastCheckpoint: string | undefined,
  rollbacks: number,
  cause?: unknown,
): SaddleError {
  const tried = rollbacks > 0 ? ` after ${rollbacks} rollback${rollbacks === 1 ? '' : 's'} with lower learning rates` : '';
  return new SaddleError(`training diverged at step ${step}${tried}: ${description}; last good checkpoint: ${lastCheckpoint ?? 'none'}`, {
    code: 'NON_FINITE', field, value: step, cause,
    fix:
      (lastCheckpoint === undefined ? 'lower the learning rates' : `resume from ${lastCheckpoint} with lower learning rates`) +
      (rollbacks > 0 ? ', allow more rollbacks (divergence.maxRetries) or a smaller divergence.factor' : '') +
      ', or change the loss',
  });
}
