import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@saddle/core';
import { MAX_BATCH_SIZE, type PipelineOptions } from '../pipeline.js';
import { check, isIntegerIn } from './check.js';

/**
 * The loop of every endless synthetic source: batch s = draw(rng.fold(s), batchSize), for
 * s = startStep, startStep + 1, ... Options are validated when iteration starts.
 */
export async function* endlessBatches<T extends tf.Tensor>(options: PipelineOptions, draw: (batchRng: Rng, batchSize: number) => T): AsyncGenerator<T> {
  const { batchSize, rng, startStep = 0 } = options;
  check('batchSize', batchSize, isIntegerIn(batchSize, 1, MAX_BATCH_SIZE), `an integer in [1, ${MAX_BATCH_SIZE}]`);
  check('startStep', startStep, isIntegerIn(startStep, 0, Number.MAX_SAFE_INTEGER), 'a non-negative integer');
  for (let step = startStep; ; step++) yield draw(rng.fold(step), batchSize);
}
