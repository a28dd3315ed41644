import * as tf from '@tensorflow/tfjs-core';
import type { LogitPair } from '@saddle/core';
import { flatLogits } from '../logits.js';
import type { PerSampleGanLoss, Reduction, ReductionOptions } from '../reduction.js';
import { checkReduction } from './checks.js';

/** One player's loss on checked [n] logits: per-sample terms for `'none'`, the scalar for `'mean'`. */
export type PlayerTerms = (logits: { real: tf.Tensor1D; fake: tf.Tensor1D }, reduction: Reduction) => tf.Tensor;

/** A `PerSampleGanLoss` from its two players' terms: checks inputs, runs each call in `tf.tidy`. */
export function defineLoss(name: string, players: { discriminator: PlayerTerms; generator: PlayerTerms }): PerSampleGanLoss {
  const run = (terms: PlayerTerms) => (input: LogitPair, options?: ReductionOptions) => {
    const reduction = checkReduction(options?.reduction);
    return tf.tidy(() => terms(flatLogits(input), reduction));
  };
  return { name, discriminator: run(players.discriminator), generator: run(players.generator) } as PerSampleGanLoss;
}

/** Per-sample terms as they are (`'none'`) or averaged over the batch (`'mean'`). */
export function reduce(terms: tf.Tensor, reduction: Reduction): tf.Tensor {
  return reduction === 'mean' ? tf.mean(terms) : terms;
}
