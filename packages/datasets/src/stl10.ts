import type * as tf from '@tensorflow/tfjs-core';
import { arraySet } from './array-set.js';
import type { ByteSource } from './byte-source.js';
import { check, isIntegerIn } from './internal/check.js';
import { corruptFile } from './internal/corrupt-file.js';
import { resizeArea } from './internal/image-ops.js';
import { checkLength, forEachChunk, readExactly } from './internal/read-chunks.js';
import { batched, type DatasetSource } from './pipeline.js';

/**
 * The classes of STL-10, by label (0-based; the files store 1–10).
 *
 * @example
 * ```ts
 * STL10_CLASSES[7]; // 'monkey' (stored as label 8 in *_y.bin)
 * ```
 */
export const STL10_CLASSES: readonly string[] = ['airplane', 'bird', 'car', 'cat', 'deer', 'dog', 'horse', 'monkey', 'ship', 'truck'];

/** Side of an STL-10 image. */
const SIDE = 96;
const RECORD = 3 * SIDE * SIDE;

/**
 * The files of an STL-10 split.
 *
 * @example
 * ```ts
 * const options: Stl10Options = { images: await urlSource('stl10_binary/unlabeled_X.bin'), size: 48 }; // as the RS-GAN STL runs
 * const stl = await loadStl10(options);
 * ```
 */
export interface Stl10Options {
  /** `train_X.bin`, `test_X.bin` or `unlabeled_X.bin`. */
  readonly images: ByteSource;
  /** `train_y.bin` or `test_y.bin` (the unlabeled split has none). */
  readonly labels?: ByteSource;
  /**
   * Side to resize to at load time by area resampling, e.g. 48 as in the RS-GAN STL runs; keeps
   * the 100,000 unlabeled images in 0.7 GB instead of 2.8 GB (default 96: no resize).
   */
  readonly size?: number;
}

/**
 * Loads an STL-10 binary split. `*_X.bin` holds N images of 3×96×96 bytes: the red, green and
 * blue planes, each stored column-major (byte c·9216 + col·96 + row), as MATLAB writes them;
 * `*_y.bin` holds N label bytes 1–10. Returns NHWC [N, size, size, 3], channels R, G, B,
 * x = v/127.5 − 1 (after rounding the resized bytes), labels 0–9 (`STL10_CLASSES`). The file is
 * streamed in 16 MiB chunks, so the 2.7 GB unlabeled split loads. A size that is not a whole
 * number of images, a label file of another length and labels outside 1–10 are `CORRUPT_FILE`
 * SaddleErrors naming the file.
 *
 * @example
 * ```ts
 * const stl = await loadStl10({ images: await fileSource('stl10_binary/unlabeled_X.bin'), size: 48 });
 * ```
 * @see Coates, Ng, Lee, "An Analysis of Single-Layer Networks in Unsupervised Feature Learning", 2011
 */
export async function loadStl10(options: Stl10Options): Promise<DatasetSource<tf.Tensor4D>> {
  const { images, labels: labelFile, size = SIDE } = options;
  check('size', size, isIntegerIn(size, 1, SIDE), `an integer in [1, ${SIDE}]`);
  if (images.size === 0 || images.size % RECORD !== 0) {
    throw corruptFile(images.name, `wrong size: ${images.size} bytes is not a positive whole number of ${RECORD}-byte STL-10 images (3×96×96)`, images.size, 'pass an STL-10 *_X.bin file');
  }
  const count = images.size / RECORD;
  let labels: Int32Array | undefined;
  if (labelFile !== undefined) {
    checkLength(labelFile, count, `one label byte for each of the ${count} images of ${images.name}`);
    const bytes = await readExactly(labelFile, 0, count);
    const bad = bytes.findIndex((l) => l < 1 || l > 10);
    if (bad >= 0) throw corruptFile(labelFile.name, `label ${bytes[bad]} of image ${bad} is outside 1..10`, bytes[bad], 'pass an STL-10 *_y.bin file');
    labels = Int32Array.from(bytes, (l) => l - 1);
  }
  const pixels = new Uint8Array(count * size * size * 3);
  const image = new Uint8Array(RECORD);
  await forEachChunk(images, 0, RECORD, count, (chunk, first, records) => {
    for (let r = 0; r < records; r++) {
      const record = chunk.subarray(r * RECORD, (r + 1) * RECORD);
      for (let c = 0; c < 3; c++) {
        for (let col = 0; col < SIDE; col++) {
          for (let row = 0; row < SIDE; row++) image[3 * (row * SIDE + col) + c] = record[c * SIDE * SIDE + col * SIDE + row] as number;
        }
      }
      const at = (first + r) * size * size * 3;
      if (size === SIDE) pixels.set(image, at);
      else pixels.set(resizeArea({ height: SIDE, width: SIDE, channels: 3, data: image }, size, size).data.map(Math.round), at);
    }
  });
  return batched<tf.Tensor4D>(arraySet({ name: 'stl-10', data: pixels, exampleShape: [size, size, 3], range: [0, 255], labels, classNames: STL10_CLASSES }));
}
