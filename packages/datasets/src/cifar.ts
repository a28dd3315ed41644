import type * as tf from '@tensorflow/tfjs-core';
import { arraySet } from './array-set.js';
import type { ByteSource } from './byte-source.js';
import { check } from './internal/check.js';
import { corruptFile } from './internal/corrupt-file.js';
import { forEachChunk } from './internal/read-chunks.js';
import { batched, type DatasetSource } from './pipeline.js';

/**
 * The classes of CIFAR-10, by label (the binary version's `batches.meta.txt`).
 *
 * @example
 * ```ts
 * CIFAR10_CLASSES[3]; // 'cat'
 * ```
 */
export const CIFAR10_CLASSES: readonly string[] = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** Pixels of one 32×32 RGB image. */
const PIXELS = 32 * 32;

/**
 * Options of the CIFAR-100 loader.
 *
 * @example
 * ```ts
 * const options: Cifar100Options = { label: 'coarse' }; // the 20 superclasses
 * const cifar100 = await loadCifar100([await urlSource('cifar-100-binary/train.bin')], options);
 * ```
 */
export interface Cifar100Options {
  /** Which label to keep: the 100 fine classes (default) or the 20 coarse superclasses. */
  readonly label?: 'fine' | 'coarse';
  /** Names of the kept classes (`fine_label_names.txt` or `coarse_label_names.txt`), if wanted. */
  readonly classNames?: readonly string[];
}

/**
 * Loads CIFAR-10 binary batches (`data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`), in
 * the order given. Each file is a sequence of 3073-byte records: 1 label byte (0–9), then 3072
 * pixel bytes, the red plane, then green, then blue, each 32×32 row-major (10,000 records per
 * official file). Returns NHWC [N, 32, 32, 3] images, channels R, G, B, x = v/127.5 − 1, with
 * labels. A size that is not a whole number of records, an empty file, or a label outside 0–9 is a
 * `CORRUPT_FILE` SaddleError naming the file and record.
 *
 * @example
 * ```ts
 * import { fileSource } from '@saddle/datasets/node';
 * const files = await Promise.all([1, 2, 3, 4, 5].map((i) => fileSource(`cifar-10-batches-bin/data_batch_${i}.bin`)));
 * const cifar = await loadCifar10(files);
 * ```
 * @see Krizhevsky, "Learning Multiple Layers of Features from Tiny Images", 2009
 */
export async function loadCifar10(files: readonly ByteSource[]): Promise<DatasetSource<tf.Tensor4D>> {
  return loadCifar(files, 'cifar-10', 1, (record) => [record[0] as number, 10], CIFAR10_CLASSES);
}

/**
 * Loads CIFAR-100 binary files (`train.bin`, `test.bin`). Each record is 3074 bytes: the coarse
 * label (0–19), the fine label (0–99), then 3072 pixel bytes laid out as in CIFAR-10 (R, G, B
 * planes, each 32×32 row-major). Returns NHWC [N, 32, 32, 3], channels R, G, B, x = v/127.5 − 1,
 * labelled by the fine or coarse class. Errors as `loadCifar10`.
 *
 * @example
 * ```ts
 * const cifar100 = await loadCifar100([await fileSource('cifar-100-binary/train.bin')], { label: 'coarse' });
 * ```
 * @see Krizhevsky, "Learning Multiple Layers of Features from Tiny Images", 2009
 */
export async function loadCifar100(files: readonly ByteSource[], options: Cifar100Options = {}): Promise<DatasetSource<tf.Tensor4D>> {
  const { label = 'fine', classNames } = options;
  check('label', label, label === 'fine' || label === 'coarse', '"fine" or "coarse"');
  return loadCifar(files, 'cifar-100', 2, (record) => (label === 'fine' ? [record[1] as number, 100] : [record[0] as number, 20]), classNames);
}

/** `labelOf(record)` gives the kept label and the number of classes it must be below. */
async function loadCifar(
  files: readonly ByteSource[],
  name: string,
  labelBytes: number,
  labelOf: (record: Uint8Array) => readonly [number, number],
  classNames: readonly string[] | undefined,
): Promise<DatasetSource<tf.Tensor4D>> {
  check('files', files.length, files.length >= 1, 'at least one batch file');
  const recordBytes = labelBytes + 3 * PIXELS;
  for (const file of files) {
    if (file.size === 0 || file.size % recordBytes !== 0) {
      throw corruptFile(file.name, `wrong size: ${file.size} bytes is not a positive whole number of ${recordBytes}-byte ${name} records (${labelBytes} label byte${labelBytes > 1 ? 's' : ''} + 3072 pixels)`, file.size, `pass ${name} binary batches (a truncated download has a partial record)`);
    }
  }
  const count = files.reduce((n, f) => n + f.size / recordBytes, 0);
  const pixels = new Uint8Array(count * 3 * PIXELS);
  const labels = new Int32Array(count);
  let base = 0;
  for (const file of files) {
    await forEachChunk(file, 0, recordBytes, file.size / recordBytes, (chunk, first, records) => {
      for (let r = 0; r < records; r++) {
        const record = chunk.subarray(r * recordBytes, (r + 1) * recordBytes);
        const [label, classes] = labelOf(record);
        if (label >= classes) {
          throw corruptFile(file.name, `record ${first + r}: label ${label} is outside 0..${classes - 1}`, label, `pass ${name} binary batches`);
        }
        const n = base + first + r;
        labels[n] = label;
        const out = n * 3 * PIXELS;
        for (let p = 0; p < PIXELS; p++) {
          for (let c = 0; c < 3; c++) pixels[out + 3 * p + c] = record[labelBytes + c * PIXELS + p] as number;
        }
      }
    });
    base += file.size / recordBytes;
  }
  return batched<tf.Tensor4D>(arraySet({ name, data: pixels, exampleShape: [32, 32, 3], range: [0, 255], labels, classNames }));
}
