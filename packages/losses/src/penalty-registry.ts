import type * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type Rng } from '@saddle/core';
import type { Critic } from './critic.js';
import { gradientPenalty } from './gradient-penalty.js';
import { r1Penalty, r2Penalty } from './zero-centered-penalties.js';

/**
 * What a named penalty reads: the critic f (closing over D's parameters), the real batch x, the
 * generated batch y and the rng of WGAN-GP's mixing weights. `@saddle/train`'s `PenaltyInput`
 * has this shape, so a named penalty is a `DiscriminatorPenalty`.
 *
 * @example
 * ```ts
 * const inputs: NamedPenaltyInput = { critic, real, fake, rng: rng.fold('penalty').fold(step) };
 * ```
 */
export interface NamedPenaltyInput {
  readonly critic: Critic;
  readonly real: tf.Tensor;
  readonly fake: tf.Tensor;
  readonly rng: Rng;
}

/**
 * The penalties a config can name: `wgan-gp` (λ·mean (‖∇f(x̂)‖₂ − 1)² on real/generated mixes),
 * `r1` (λ/2·mean ‖∇f(x)‖² on real samples), `r2` (the same on generated samples).
 *
 * @example
 * ```ts
 * const kinds: readonly PenaltyName[] = PENALTY_NAMES; // ['wgan-gp', 'r1', 'r2']
 * ```
 */
export const PENALTY_NAMES = ['wgan-gp', 'r1', 'r2'] as const;

/**
 * A penalty's config name.
 *
 * @example
 * ```ts
 * const kind: PenaltyName = 'r1';
 * ```
 */
export type PenaltyName = (typeof PENALTY_NAMES)[number];

/**
 * The penalty named `name` with weight λ = `weight`, as one function of the critic and both
 * batches (strings are mapped once, at the edge); an unknown name is a `SaddleError`
 * (`INVALID_CONFIG`) listing the names.
 *
 * @example
 * ```ts
 * const game = ganGame({ generator, discriminator, loss: wasserstein, latentSize: 8, penalty: penaltyFromName('wgan-gp', 10) });
 * ```
 */
export function penaltyFromName(name: string, weight: number): (input: NamedPenaltyInput) => tf.Scalar {
  switch (name as PenaltyName) {
    case 'wgan-gp':
      return ({ critic, real, fake, rng }) => gradientPenalty({ critic, real, fake, rng, weight });
    case 'r1':
      return ({ critic, real }) => r1Penalty({ critic, real, weight });
    case 'r2':
      return ({ critic, fake }) => r2Penalty({ critic, fake, weight });
    default:
      throw new SaddleError('unknown penalty name', {
        code: 'INVALID_CONFIG', field: 'penalty', value: name, fix: `use one of ${PENALTY_NAMES.join(', ')}`,
      });
  }
}
