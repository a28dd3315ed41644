import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type BatchOptions, type BatchSource } from '@saddle/core';
import type { ExampleSet } from './example-set.js';
import { check, isIntegerIn } from './internal/check.js';
import { epochOrder } from './internal/epoch-order.js';

/**
 * Largest batch any source accepts (2^20 examples).
 *
 * @example
 * ```ts
 * data.batches({ batchSize: MAX_BATCH_SIZE, rng }); // the largest batch accepted
 * ```
 */
export const MAX_BATCH_SIZE = 1 << 20;

/**
 * How one pass over a set is cut into batches, on top of `BatchOptions`.
 *
 * @example
 * ```ts
 * data.batches({ batchSize: 128, rng: createRng(0), epochs: 10, shuffle: true, dropLast: true, prefetch: 4, startStep: 780 });
 * ```
 */
export interface PipelineOptions extends BatchOptions {
  /** Visit the examples in a fresh seeded order every epoch (default: the source's; true for data sets). */
  readonly shuffle?: boolean;
  /** Skip an epoch's last, short batch so every batch has `batchSize` rows (default: the source's). */
  readonly dropLast?: boolean;
  /** Batches read ahead while the consumer trains, 0–64 (default 2). */
  readonly prefetch?: number;
  /**
   * Resume: the index of the first batch to produce, i.e. the number of batches already consumed
   * (default 0). Batch s of a resumed pass equals batch s of an uninterrupted one.
   */
  readonly startStep?: number;
}

/**
 * A source's defaults for the options a caller leaves out.
 *
 * @example
 * ```ts
 * const defaults: PipelineDefaults = { shuffle: true, dropLast: true }; // the 5-Gaussian loader's
 * const source = batched(arraySet({ name: 'points', data, exampleShape: [2] }), defaults);
 * ```
 */
export interface PipelineDefaults {
  readonly shuffle?: boolean;
  readonly dropLast?: boolean;
  readonly prefetch?: number;
}

/**
 * One batch on the host, before it becomes a tensor.
 *
 * @example
 * ```ts
 * for await (const { step, indices, x } of hostBatches(set, { batchSize: 8, rng })) console.log(step, indices, x.length);
 * ```
 */
export interface HostBatch {
  /** Global batch index s (counted from the start of epoch 0, resumes included). */
  readonly step: number;
  readonly epoch: number;
  /** The examples' indices in the set, in batch order. */
  readonly indices: Int32Array;
  /** The examples, row-major [indices.length, ...exampleShape]. */
  readonly x: Float32Array;
  /** Their labels, when the set has labels. */
  readonly labels: Int32Array | undefined;
}

/**
 * A batch with its labels; the consumer owns and disposes both tensors.
 *
 * @example
 * ```ts
 * for await (const { x, labels } of cifar.labelledBatches({ batchSize: 64, rng })) { ...; tf.dispose([x, labels]); }
 * ```
 */
export interface LabelledBatch<T extends tf.Tensor = tf.Tensor> {
  readonly x: T;
  /** int32 class labels, shape [batch]. */
  readonly labels: tf.Tensor1D;
}

/**
 * A `BatchSource` that takes `PipelineOptions`, notably `startStep` for an exact resume. Endless
 * synthetic sources use only `batchSize`, `rng` and `startStep`.
 *
 * @example
 * ```ts
 * const resumed = source.batches({ batchSize: 64, rng: createRng(0), startStep: 5000 });
 * ```
 */
export interface ResumableSource<T extends tf.TensorContainer = tf.Tensor> extends BatchSource<T> {
  batches(options: PipelineOptions): AsyncIterable<T>;
}

/**
 * An `ExampleSet` that is also a seeded, resumable, prefetching `BatchSource`.
 *
 * @example
 * ```ts
 * const cifar: DatasetSource<tf.Tensor4D> = await loadCifar10(files);
 * cifar.size; cifar.exampleShape; // 50000, [32, 32, 3]
 * ```
 */
export interface DatasetSource<T extends tf.Tensor = tf.Tensor> extends ExampleSet, ResumableSource<T> {
  /** Batches of shape [batch, ...exampleShape], float32; the consumer disposes each. */
  batches(options: PipelineOptions): AsyncIterable<T>;
  /** Batches with their int32 labels; refuses an unlabelled set. */
  labelledBatches(options: PipelineOptions): AsyncIterable<LabelledBatch<T>>;
}

/**
 * Batches per epoch: ⌊N/B⌋ with `dropLast`, ⌈N/B⌉ without.
 *
 * @example
 * ```ts
 * batchesPerEpoch(10_000, 128, true); // 78, the 5-Gaussian set of papers §2.4
 * ```
 */
export function batchesPerEpoch(size: number, batchSize: number, dropLast: boolean): number {
  return dropLast ? Math.floor(size / batchSize) : Math.ceil(size / batchSize);
}

/**
 * The pipeline on the host: epoch e visits the set in the order of a Fisher–Yates shuffle keyed
 * by `rng.fold('order').fold(e)` (or in index order without `shuffle`), cut into batches of
 * `batchSize` (the last one short unless `dropLast`). Batch s is therefore a pure function of
 * (rng, s): a pass started at `startStep: s` yields exactly the batches s, s+1, ... of an
 * uninterrupted pass, without reading the skipped ones. Reads run `prefetch` batches ahead, so
 * file I/O overlaps the consumer's work and batches are ready when asked for (CPU decoding still
 * shares the JavaScript thread); a read error surfaces when its batch is reached. Stops after
 * `epochs` epochs (counted from epoch 0), or never.
 *
 * @example
 * ```ts
 * for await (const b of hostBatches(set, { batchSize: 64, rng, epochs: 1 })) console.log(b.step, b.indices);
 * ```
 */
export async function* hostBatches(set: ExampleSet, options: PipelineOptions, defaults: PipelineDefaults = {}): AsyncGenerator<HostBatch> {
  const { batchSize, rng, epochs } = options;
  const shuffle = options.shuffle ?? defaults.shuffle ?? true;
  const dropLast = options.dropLast ?? defaults.dropLast ?? false;
  const prefetch = options.prefetch ?? defaults.prefetch ?? 2;
  const startStep = options.startStep ?? 0;
  check('batchSize', batchSize, isIntegerIn(batchSize, 1, MAX_BATCH_SIZE), `an integer in [1, ${MAX_BATCH_SIZE}]`);
  check('epochs', epochs, epochs === undefined || isIntegerIn(epochs, 1, Number.MAX_SAFE_INTEGER), 'a positive integer, or nothing for no end');
  check('prefetch', prefetch, isIntegerIn(prefetch, 0, 64), 'an integer in [0, 64]');
  check('startStep', startStep, isIntegerIn(startStep, 0, Number.MAX_SAFE_INTEGER), 'a non-negative integer');
  const perEpoch = batchesPerEpoch(set.size, batchSize, dropLast);
  if (perEpoch === 0) {
    throw new SaddleError(`exceeds the ${set.size} examples of "${set.name}", so dropLast leaves no batch`, {
      code: 'INVALID_ARGUMENT', field: 'batchSize', value: batchSize, fix: `pass batchSize ≤ ${set.size} or dropLast: false`,
    });
  }
  const end = epochs === undefined ? Infinity : epochs * perEpoch;

  let orderEpoch = -1;
  let order: Int32Array = new Int32Array(0);
  const load = async (step: number): Promise<HostBatch> => {
    const epoch = Math.floor(step / perEpoch);
    if (epoch !== orderEpoch) {
      order = epochOrder(rng, epoch, set.size, shuffle);
      orderEpoch = epoch;
    }
    const first = (step - epoch * perEpoch) * batchSize;
    const indices = order.slice(first, Math.min(first + batchSize, set.size));
    const labels = set.labels === undefined ? undefined : indices.map((i) => set.labels![i] as number);
    const x = await set.read(indices);
    return { step, epoch, indices, x, labels };
  };

  const queue: Promise<HostBatch>[] = [];
  let next = startStep;
  for (;;) {
    while (queue.length < prefetch + 1 && next < end) {
      const pending = load(next++);
      // Observed later by `await`; this keeps an early failure from being an unhandled rejection.
      pending.catch(() => undefined);
      queue.push(pending);
    }
    const head = queue.shift();
    if (head === undefined) return;
    yield await head;
  }
}

/**
 * Makes an `ExampleSet` a seeded `BatchSource` through `hostBatches` (shuffle per epoch, drop-last,
 * prefetch, exact resume from `startStep`). Tensors are made only when a batch is handed out, so
 * batches read ahead and never consumed hold no tensors. The same rng gives bitwise-identical
 * batches on every backend: the values are computed on the host.
 *
 * @example
 * ```ts
 * const data = batched(set, { shuffle: true });
 * for await (const x of data.batches({ batchSize: 64, rng: createRng(0), startStep: 1000 })) { train(x); x.dispose(); }
 * ```
 */
export function batched<T extends tf.Tensor = tf.Tensor>(set: ExampleSet, defaults: PipelineDefaults = {}): DatasetSource<T> {
  const shape = (batch: HostBatch): number[] => [batch.indices.length, ...set.exampleShape];
  return {
    name: set.name,
    size: set.size,
    exampleShape: set.exampleShape,
    labels: set.labels,
    classNames: set.classNames,
    read: (indices) => set.read(indices),
    async *batches(options) {
      for await (const batch of hostBatches(set, options, defaults)) yield tf.tensor(batch.x, shape(batch), 'float32') as T;
    },
    async *labelledBatches(options) {
      if (set.labels === undefined) {
        throw new SaddleError(`"${set.name}" has no labels`, {
          code: 'INVALID_ARGUMENT', field: 'labelledBatches', value: set.name, fix: 'use batches(), or load the set with its labels',
        });
      }
      for await (const batch of hostBatches(set, options, defaults)) {
        yield { x: tf.tensor(batch.x, shape(batch), 'float32') as T, labels: tf.tensor1d(batch.labels!, 'int32') };
      }
    },
  };
}
