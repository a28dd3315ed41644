import type * as tf from '@tensorflow/tfjs-core';
import type { BackendSpec, GameOptimizer } from '@saddle/core';
import { gaussianRing, type GaussianMixtureSource } from '@saddle/datasets';
import { mlp } from '@saddle/models';
import { alternating, simultaneous } from '@saddle/optimizers';
import { lossFromName } from '@saddle/losses';
import { ganGame, type GanGame } from '@saddle/train';
import type { TrainConfig } from './config/schema.js';
import { backendRegistry, playerOptimizer } from './registries.js';

/**
 * The objects a config describes.
 *
 * @example
 * ```ts
 * const parts: RunParts = buildRun(config);
 * await useBackend(parts.backend);
 * ```
 */
export interface RunParts {
  readonly backend: BackendSpec;
  readonly data: GaussianMixtureSource;
  readonly game: GanGame<tf.Tensor2D>;
  readonly optimizer: GameOptimizer<unknown>;
}

/**
 * Maps a validated config to objects, once, at the edge: the data source, the two MLPs and
 * loss as a `GanGame`, the game optimizer and the backend.
 *
 * @example
 * ```ts
 * const { backend, data, game, optimizer } = buildRun(DEFAULT_TRAIN_CONFIG);
 * ```
 */
export function buildRun(config: TrainConfig): RunParts {
  const { data, generator, discriminator, optimizer } = config;
  const game = ganGame({
    generator: mlp({ inputSize: generator.latentSize, hiddenSizes: generator.hiddenSizes, outputSize: 2, activation: generator.activation }),
    discriminator: mlp({ inputSize: 2, hiddenSizes: discriminator.hiddenSizes, outputSize: 1, activation: discriminator.activation }),
    loss: lossFromName(config.loss),
    latentSize: generator.latentSize,
  });
  const players = { generator: playerOptimizer(optimizer.generator), discriminator: playerOptimizer(optimizer.discriminator) };
  const gameOptimizer =
    optimizer.method === 'alternating'
      ? alternating(players, { discriminatorSteps: optimizer.discriminatorSteps, generatorSteps: optimizer.generatorSteps })
      : simultaneous(players);
  return {
    backend: backendRegistry[config.backend](),
    data: gaussianRing({ modes: data.modes, radius: data.radius, std: data.std }),
    game,
    optimizer: gameOptimizer as GameOptimizer<unknown>,
  };
}
