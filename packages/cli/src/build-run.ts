import type * as tf from '@tensorflow/tfjs-core';
import type { BackendSpec, GameOptimizer } from '@saddle/core';
import { gaussianRing, type GaussianMixtureSource } from '@saddle/datasets';
import { mlp } from '@saddle/models';
import { alternating, simultaneous } from '@saddle/optimizers';
import { lossFromName, penaltyFromName } from '@saddle/losses';
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
 * Maps a validated config to objects, once, at the edge: the data source, the two MLPs, loss
 * and optional penalty as a `GanGame`, the game optimizer and the backend.
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
    penalty: config.penalty === undefined ? undefined : penaltyFromName(config.penalty.kind, config.penalty.weight),
  });
  return {
    backend: backendRegistry[config.backend](),
    data: gaussianRing({ modes: data.modes, radius: data.radius, std: data.std }),
    game,
    optimizer: gameOptimizer(optimizer),
  };
}

/**
 * The config's game optimizer with both learning rates multiplied by `learningRateScale` (a
 * divergence rollback lowers them; the state layout does not change).
 *
 * @example
 * ```ts
 * const halved = gameOptimizer(config.optimizer, 0.5);
 * ```
 */
export function gameOptimizer(config: TrainConfig['optimizer'], learningRateScale = 1): GameOptimizer<unknown> {
  const scaled = (player: TrainConfig['optimizer']['generator']) => playerOptimizer({ ...player, learningRate: player.learningRate * learningRateScale });
  const players = { generator: scaled(config.generator), discriminator: scaled(config.discriminator) };
  const optimizer =
    config.method === 'alternating'
      ? alternating(players, { discriminatorSteps: config.discriminatorSteps, generatorSteps: config.generatorSteps })
      : simultaneous(players);
  return optimizer as GameOptimizer<unknown>;
}
