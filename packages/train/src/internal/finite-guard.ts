import * as tf from '@tensorflow/tfjs-core';
import { PLAYERS, SaddleError, type GameGradientFn, type Params, type PerPlayer } from '@saddle/core';

/** Where a non-finite value was found. */
interface Probe {
  readonly kind: 'loss' | 'gradient' | 'parameter' | 'model state';
  readonly player: string;
  readonly tensor: string;
  /** 1-based gradient evaluation within the step, for losses and gradients. */
  readonly evaluation?: number;
}

/**
 * A per-step NaN/Inf check on the losses and gradients of every gradient evaluation and on the
 * parameters and model state after the step. Each tensor contributes one scalar, its sum Σ x,
 * which is finite when every element is (a NaN or ±Inf element makes it NaN or ±Inf; only
 * finite values beyond ~3e38/size, a divergence anyway, overflow it). The check is one sum per
 * tensor plus one stack and one read-back per step.
 */
export interface FiniteGuard {
  /** Wraps a step's `gradFn` so that each call's losses and gradients are checked. */
  wrap(gradFn: GameGradientFn): GameGradientFn;
  /** Adds the new parameters and state, reads every flag of the step, and throws `NON_FINITE` naming the first bad tensor. */
  check(step: number, params: PerPlayer<Params>, state: PerPlayer<Params>, lastCheckpoint: string | undefined): Promise<void>;
  /** Frees the flags of a step that threw before `check`. */
  dispose(): void;
}

/** A fresh guard; one per run. */
export function finiteGuard(): FiniteGuard {
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
    async check(step, params, state, lastCheckpoint) {
      addTrees(params, 'parameter');
      addTrees(state, 'model state');
      const stacked = tf.stack(flags);
      const values = await stacked.data();
      stacked.dispose();
      const bad = values.findIndex((v) => !Number.isFinite(v));
      const probe = probes[bad];
      reset();
      if (probe === undefined) return;
      const where = probe.evaluation === undefined ? '' : ` (gradient evaluation ${probe.evaluation} of the step)`;
      throw new SaddleError(
        `training diverged at step ${step}: the ${probe.player}'s ${probe.kind} ${probe.tensor} has NaN or ±Inf values${where}; ` +
          `last good checkpoint: ${lastCheckpoint ?? 'none'}`,
        {
          code: 'NON_FINITE', field: `${probe.player}/${probe.tensor}`, value: step,
          fix: lastCheckpoint === undefined ? 'lower the learning rates or change the loss' : `resume from ${lastCheckpoint} with lower learning rates, or change the loss`,
        },
      );
    },
    dispose: reset,
  };
}
