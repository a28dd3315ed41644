import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from './rng.js';

/** Options of one pass over a `BatchSource`. */
export interface BatchOptions {
  readonly batchSize: number;
  readonly rng: Rng;
  /** Number of epochs for finite sets; infinite sources ignore it. Default: unbounded. */
  readonly epochs?: number;
}

/**
 * A seeded source of batches. The same `rng` yields the same batches. Each yielded tensor is
 * owned by the consumer, who disposes it after use.
 *
 * @example
 * ```ts
 * for await (const x of ring.batches({ batchSize: 256, rng })) { train(x); x.dispose(); }
 * ```
 */
export interface BatchSource<T extends tf.TensorContainer = tf.Tensor> {
  readonly name: string;
  batches(options: BatchOptions): AsyncIterable<T>;
}
