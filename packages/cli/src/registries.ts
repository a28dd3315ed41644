import { cpu } from '@saddle/backend-cpu';
import { wasm } from '@saddle/backend-wasm';
import type { BackendSpec, GradientTransformation } from '@saddle/core';
import { adam, sgd } from '@saddle/optimizers';
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
