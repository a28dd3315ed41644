// What `saddle train|reproduce --workers N` hands to each data-parallel worker thread, by module
// URL: the config's or experiment's game and the backend, built by the same code as on the main thread.
import type * as tf from '@tensorflow/tfjs-core';
import type { BackendSpec } from '@saddle/core';
import type { GameBuilder } from '@saddle/experiments';
import type { GanGame } from '@saddle/train';
import { dataParallelGame, type DataParallelOptions } from '@saddle/train/node';
import { buildRun } from './build-run.js';
import type { TrainConfig } from './config/schema.js';
import { backendRegistry } from './registries.js';

export { experimentGame } from '@saddle/experiments';

/** This module, as its worker threads import it (tsup emits it as dist/parallel-parts.js). */
const SELF = new URL('./parallel-parts.js', import.meta.url);

/**
 * The config's game (`buildRun(config).game`), in a worker thread.
 *
 * @example
 * ```ts
 * const game = configuredGame(DEFAULT_TRAIN_CONFIG);
 * ```
 */
export function configuredGame(config: TrainConfig): GanGame<tf.Tensor2D> {
  return buildRun(config).game;
}

/**
 * The backend a config names, in a worker thread.
 *
 * @example
 * ```ts
 * await useBackend(configuredBackend('wasm'));
 * ```
 */
export function configuredBackend(name: TrainConfig['backend']): BackendSpec {
  return backendRegistry[name]();
}

/**
 * The data-parallel options of a config: its `workers`, game and backend.
 *
 * @example
 * ```ts
 * const game = await dataParallelGame(parallelOptions(config));
 * ```
 */
export function parallelOptions(config: TrainConfig): DataParallelOptions {
  return {
    workers: config.workers,
    game: { module: SELF, export: 'configuredGame', options: config },
    backend: { module: SELF, export: 'configuredBackend', options: config.backend },
  };
}

/**
 * `saddle reproduce --workers N`: each image-GAN run of an experiment trains data-parallel on
 * `workers` threads computing on `backend`.
 *
 * @example
 * ```ts
 * const ctx: ExperimentContext = { ...context, buildGame: parallelGameBuilder(2, 'wasm') };
 * ```
 */
export function parallelGameBuilder(workers: number, backend: TrainConfig['backend']): GameBuilder {
  return (spec) => dataParallelGame({
    workers,
    game: { module: SELF, export: 'experimentGame', options: spec },
    backend: { module: SELF, export: 'configuredBackend', options: backend },
  });
}
