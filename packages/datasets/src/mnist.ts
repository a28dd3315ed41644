import type * as tf from '@tensorflow/tfjs-core';
import { arraySet } from './array-set.js';
import type { ByteSource } from './byte-source.js';
import { readIdx, type IdxArray } from './idx.js';
import { corruptFile } from './internal/corrupt-file.js';
import { batched, type DatasetSource } from './pipeline.js';

/**
 * The digit classes of MNIST.
 *
 * @example
 * ```ts
 * MNIST_CLASSES[7]; // '7'
 * ```
 */
export const MNIST_CLASSES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * The classes of Fashion-MNIST, by label.
 *
 * @example
 * ```ts
 * const fashion = await loadMnist({ images, labels, classNames: FASHION_MNIST_CLASSES, name: 'fashion-mnist' });
 * ```
 */
export const FASHION_MNIST_CLASSES: readonly string[] = [
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
];

/**
 * The files of an MNIST-format set.
 *
 * @example
 * ```ts
 * const options: MnistOptions = { images: await urlSource('train-images-idx3-ubyte.gz'), labels: await urlSource('train-labels-idx1-ubyte.gz'), classNames: FASHION_MNIST_CLASSES, name: 'fashion-mnist' };
 * const fashion = await loadMnist(options);
 * ```
 */
export interface MnistOptions {
  /** The images file, e.g. `train-images-idx3-ubyte(.gz)`: IDX uint8 [N, rows, cols] (magic 0x00000803). */
  readonly images: ByteSource;
  /** The labels file, e.g. `train-labels-idx1-ubyte(.gz)`: IDX uint8 [N] (magic 0x00000801). */
  readonly labels?: ByteSource;
  /** Class names (default `MNIST_CLASSES`; use `FASHION_MNIST_CLASSES` for Fashion-MNIST); labels must index them. */
  readonly classNames?: readonly string[];
  /** The source's name (default `"mnist"`). */
  readonly name?: string;
  /** Cap on the decompressed size of a gzipped file (default 1 GiB). */
  readonly maxDecompressedBytes?: number;
}

/**
 * Loads MNIST or Fashion-MNIST from their IDX files (see `readIdx`; gzipped or not) as N
 * grayscale images, NHWC [N, rows, cols, 1], pixel v ∈ {0..255} (0 = background) mapped to
 * x = v/127.5 − 1 ∈ [−1, 1], with labels when given. Wrong magic numbers (e.g. the labels file
 * passed as images), truncated files, a label count that differs from the image count and labels
 * outside the class list are `CORRUPT_FILE` SaddleErrors naming the file.
 *
 * @example
 * ```ts
 * import { fileSource } from '@saddle/datasets/node';
 * const mnist = await loadMnist({ images: await fileSource('train-images-idx3-ubyte.gz'), labels: await fileSource('train-labels-idx1-ubyte.gz') });
 * for await (const x of mnist.batches({ batchSize: 64, rng })) { ...; x.dispose(); } // [64, 28, 28, 1]
 * ```
 * @see Xiao, Rasul, Vollgraf, "Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine Learning Algorithms", 2017
 */
export async function loadMnist(options: MnistOptions): Promise<DatasetSource<tf.Tensor4D>> {
  const { classNames = MNIST_CLASSES, name = 'mnist' } = options;
  const read = { maxDecompressedBytes: options.maxDecompressedBytes };
  const images = await readIdx(options.images, read);
  expectMagic(options.images, images, 0x803, 'images');
  const [count, rows, cols] = images.shape as [number, number, number];
  if (count === 0 || rows === 0 || cols === 0) throw corruptFile(options.images.name, `holds no pixels: shape [${images.shape.join(', ')}]`, images.shape);
  let labels: Int32Array | undefined;
  if (options.labels !== undefined) {
    const file = options.labels;
    const idx = await readIdx(file, read);
    expectMagic(file, idx, 0x801, 'labels');
    if (idx.shape[0] !== count) {
      throw corruptFile(file.name, `has ${idx.shape[0]} labels for the ${count} images of ${options.images.name}`, idx.shape[0], 'pass the labels file of the same split');
    }
    labels = Int32Array.from(idx.data);
    const bad = labels.findIndex((l) => l >= classNames.length);
    if (bad >= 0) throw corruptFile(file.name, `label ${labels[bad]} of image ${bad} is outside 0..${classNames.length - 1}`, labels[bad], 'pass the class names of this set');
  }
  const set = arraySet({ name, data: images.data, exampleShape: [rows, cols, 1], range: [0, 255], labels, classNames });
  return batched<tf.Tensor4D>(set);
}

function expectMagic(file: ByteSource, idx: IdxArray, magic: number, what: string): void {
  if (idx.magic !== magic) {
    const hex = (word: number) => `0x${word.toString(16).padStart(8, '0')}`;
    throw corruptFile(file.name, `wrong magic number ${hex(idx.magic)} for MNIST ${what} (expected ${hex(magic)})`, hex(idx.magic), `pass the ${what} file`);
  }
}
