import type * as tf from '@tensorflow/tfjs-core';
import type { BatchSource } from '@saddle/core';
import { coloredShapes, loadCifar10, loadStl10 } from '@saddle/datasets';

/** An image set of the image experiments: the built-in 12-mode shapes, or CIFAR-10 / STL-10 files. */
export type ImageData = 'shapes' | 'cifar10' | 'stl10';

/**
 * The batches of `data`: shapes are procedural (32×32, exact mode coverage); CIFAR-10 reads
 * `dataPath/data_batch_{1..5}.bin`, STL-10 the `unlabeled_X.bin` file at `dataPath` (48×48).
 */
export async function loadImageData(data: ImageData, dataPath: string): Promise<BatchSource<tf.Tensor4D>> {
  if (data === 'shapes') return coloredShapes();
  const { fileSource } = await import('@saddle/datasets/node');
  if (data === 'cifar10') {
    const files = await Promise.all([1, 2, 3, 4, 5].map((i) => fileSource(`${dataPath}/data_batch_${i}.bin`)));
    return loadCifar10(files);
  }
  return loadStl10({ images: await fileSource(dataPath), size: 48 });
}
