import { cpu } from '@saddle/backend-cpu';
import { wasm } from '@saddle/backend-wasm';
import type { BackendSpec, GradientTransformation } from '@saddle/core';
import { gradientPenalty, r1Penalty, r2Penalty } from '@saddle/losses';
import { adam, sgd } from '@saddle/optimizers';
import type { DiscriminatorPenalty } from '@saddle/train';
import type { TrainConfig } from './config/schema.js';

type PlayerOptimizerConfig = TrainConfig['optimizer']['generator'];

/**
 * Config names to backends: the only place the CLI turns a backend string into an object.
 *
 * @example
 * ```ts
 * await useBackend(backendRegistry[config.backend]());
 * ```
 */
export const backendRegistry: Readonly<Record<TrainConfig['backend'], () => BackendSpec>> = { cpu, wasm: () => wasm() };

/**
 * A player's optimizer config to its gradient transformation.
 *
 * @example
 * ```ts
 * playerOptimizer({ name: 'adam', learningRate: 1e-3, beta1: 0.5, beta2: 0.999 });
 * ```
 */
export function playerOptimizer(config: PlayerOptimizerConfig): GradientTransformation {
  return config.name === 'adam'
    ? adam({ learningRate: config.learningRate, beta1: config.beta1, beta2: config.beta2 })
    : sgd({ learningRate: config.learningRate });
}

/**
 * A penalty config to the function the game adds to D's loss: WGAN-GP (its interpolation
 * weights ε drawn from the step's penalty rng), R1 on real or R2 on generated samples.
 *
 * @example
 * ```ts
 * const penalty = discriminatorPenalty({ kind: 'wgan-gp', weight: 10 });
 * ```
 */
export function discriminatorPenalty(config: NonNullable<TrainConfig['penalty']>): DiscriminatorPenalty {
  const { kind, weight } = config;
  const penalties: Readonly<Record<typeof kind, DiscriminatorPenalty>> = {
    'wgan-gp': ({ critic, real, fake, rng }) => gradientPenalty({ critic, real, fake, rng, weight }),
    r1: ({ critic, real }) => r1Penalty({ critic, real, weight }),
    r2: ({ critic, fake }) => r2Penalty({ critic, fake, weight }),
  };
  return penalties[kind];
}
