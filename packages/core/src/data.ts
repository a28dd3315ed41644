import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from './rng.js';

/**
 * Options of one pass over a `BatchSource`.
 *
 * @example
 * ```ts
 * const options: BatchOptions = { batchSize: 128, rng: createRng(0), epochs: 10 };
 * for await (const x of source.batches(options)) { step(x); x.dispose(); }
 * ```
 */
export interface BatchOptions {
  readonly batchSize: number;
  readonly rng: Rng;
  /** Number of epochs for finite sets; infinite sources ignore it. Default: unbounded. */
  readonly epochs?: number;
  /**
   * Batches already consumed (default 0): the pass yields exactly batches s, s + 1, ... of the
   * pass started at 0 with the same options, without reading the skipped ones (ADR 0010, 0018).
   * An exact resume depends on it; a source that cannot skip must refuse a non-zero value
   * (`INVALID_ARGUMENT`, field `startStep`) rather than start over.
   */
  readonly startStep?: number;
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
