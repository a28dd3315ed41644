import type * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import type { ExampleSet } from './example-set.js';
import { check, isIntegerIn } from './internal/check.js';
import { corruptFile } from './internal/corrupt-file.js';
import { centerCrop, resizeArea, type HostImage } from './internal/image-ops.js';
import { batched, type DatasetSource } from './pipeline.js';

/**
 * A decoded image: `width`×`height` RGBA pixels, row-major, 4 bytes per pixel.
 *
 * @example
 * ```ts
 * const { width, height, data } = await canvasImageDecoder(bytes, 'face.jpg'); // data.length = 4·width·height
 * ```
 */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * Turns an encoded file (PNG, JPEG, ...) into RGBA pixels; throws a SaddleError naming `name`
 * on a corrupt file. `nodeImageDecoder` (from `@saddle/datasets/node`) and `canvasImageDecoder`
 * (browsers) are the two provided.
 *
 * @example
 * ```ts
 * const decode: ImageDecoder = (bytes, name) => nodeImageDecoder(bytes, name);
 * ```
 */
export type ImageDecoder = (bytes: Uint8Array, name: string) => DecodedImage | Promise<DecodedImage>;

/**
 * One image file of a set.
 *
 * @example
 * ```ts
 * const entry: ImageEntry = { name: 'cat.png', bytes: () => readFile('cat.png'), label: 0 };
 * ```
 */
export interface ImageEntry {
  /** Path, URL or file name, for errors. */
  readonly name: string;
  /** The encoded file. */
  bytes(): Promise<Uint8Array>;
  /** Its class, if the set is labelled. */
  readonly label?: number;
}

/**
 * A side length, or [height, width].
 *
 * @example
 * ```ts
 * const size: ImageSize = [218, 178]; // [height, width]; a number means a square side
 * const faces = await imageFiles(entries, { decode, crop: 108, size: 64 });
 * ```
 */
export type ImageSize = number | readonly [number, number];

/**
 * How image files become examples.
 *
 * @example
 * ```ts
 * const options: ImageFilesOptions = { decode: nodeImageDecoder, ...CELEBA_PREPROCESSING, channels: 3, name: 'celeba' };
 * const faces = await imageFiles(files.map((f) => imageEntry(f)), options);
 * ```
 */
export interface ImageFilesOptions {
  readonly decode: ImageDecoder;
  /** Centre crop applied first: top = ⌊(H − h)/2⌋, left = ⌊(W − w)/2⌋ (default: none). */
  readonly crop?: ImageSize;
  /** Size after the crop, by area resampling (default: the first image's size, which all must share). */
  readonly size?: ImageSize;
  /** 3 for R, G, B (default) or 1 for luma Y = 0.299R + 0.587G + 0.114B. Alpha is dropped. */
  readonly channels?: 1 | 3;
  /** The set's name (default `"images"`). */
  readonly name?: string;
  readonly classNames?: readonly string[];
}

/**
 * CelebA's usual GAN preprocessing (DCGAN-tensorflow): the aligned 178×218 faces centre-cropped to
 * 108×108, then resized to 64×64.
 *
 * @example
 * ```ts
 * const faces = await imageFiles(entries, { ...CELEBA_PREPROCESSING, decode: canvasImageDecoder });
 * ```
 */
export const CELEBA_PREPROCESSING = { crop: 108, size: 64 } as const;

/**
 * A browser `File` (or any named `Blob`) as an `ImageEntry`.
 *
 * @example
 * ```ts
 * const entries = Array.from(input.files!, (file) => imageEntry(file));
 * ```
 */
export function imageEntry(file: Blob & { readonly name?: string }, label?: number): ImageEntry {
  return { name: file.name ?? 'image', bytes: async () => new Uint8Array(await file.arrayBuffer()), label };
}

/**
 * A data set of image files, decoded on demand (only the files of the batches being read, which
 * the pipeline prefetches). Each image is decoded to RGBA, centre-cropped (`crop`), converted to
 * `channels` (alpha dropped), resized by area resampling (`size`) and mapped to
 * x = v/127.5 − 1 ∈ [−1, 1]; examples are NHWC [h, w, channels], channels R, G, B. Labels come
 * from the entries (all or none). A corrupt file, an image smaller than the crop, or (without
 * `size`) one whose size differs from the first are SaddleErrors naming the file.
 *
 * @example
 * ```ts
 * const faces = await imageFiles(Array.from(input.files!, (f) => imageEntry(f)), { ...CELEBA_PREPROCESSING, decode: canvasImageDecoder });
 * for await (const x of faces.batches({ batchSize: 64, rng })) { ...; x.dispose(); } // [64, 64, 64, 3]
 * ```
 */
export async function imageFiles(entries: readonly ImageEntry[], options: ImageFilesOptions): Promise<DatasetSource<tf.Tensor4D>> {
  const { decode, channels = 3, name = 'images', classNames } = options;
  check('entries', entries.length, entries.length >= 1, 'at least one image');
  check('channels', channels, channels === 1 || channels === 3, '1 or 3');
  const crop = options.crop === undefined ? undefined : sizeOf('crop', options.crop);
  const labelled = entries.filter((e) => e.label !== undefined).length;
  check('entries', labelled, labelled === 0 || labelled === entries.length, 'all labelled or all unlabelled');
  const labels = labelled === 0 ? undefined : Int32Array.from(entries, (e) => e.label!);
  if (labels !== undefined) {
    check('entries.label', labels, labels.every((l, i) => l >= 0 && l === entries[i]!.label && (classNames === undefined || l < classNames.length)), 'class indices ≥ 0 (below classNames.length)');
  }

  const load = async (entry: ImageEntry): Promise<HostImage> => {
    let decoded: DecodedImage;
    try {
      decoded = await decode(await entry.bytes(), entry.name);
    } catch (cause) {
      if (cause instanceof SaddleError) throw cause;
      throw new SaddleError(`could not be read or decoded: ${String(cause)}`, { code: 'IO_ERROR', field: entry.name, cause, fix: 'check that the file exists and is a PNG or JPEG' });
    }
    let image: HostImage<Uint8Array> = { height: decoded.height, width: decoded.width, channels: 4, data: decoded.data };
    if (crop !== undefined) {
      if (crop[0] > image.height || crop[1] > image.width) {
        throw corruptFile(entry.name, `is ${image.width}×${image.height}, smaller than the ${crop[1]}×${crop[0]} crop`, [image.width, image.height], 'use a smaller crop or leave this image out');
      }
      image = centerCrop(image, crop[0], crop[1]);
    }
    return toChannels(image, channels);
  };

  const first = options.size === undefined ? await load(entries[0]!) : undefined;
  const [height, width] = first !== undefined ? [first.height, first.width] : sizeOf('size', options.size!);
  const exampleSize = height * width * channels;
  const set: ExampleSet = {
    name,
    size: entries.length,
    exampleShape: [height, width, channels],
    labels,
    classNames,
    read: async (indices) => {
      const out = new Float32Array(indices.length * exampleSize);
      await Promise.all(
        Array.from(indices, async (index, j) => {
          const entry = entries[index];
          if (entry === undefined) {
            throw new SaddleError(`index outside [0, ${entries.length})`, { code: 'INVALID_ARGUMENT', field: `${name}.read`, value: index, fix: 'pass example indices of this set' });
          }
          const image = await load(entry);
          if (options.size === undefined && (image.height !== height || image.width !== width)) {
            throw corruptFile(entry.name, `is ${image.width}×${image.height}, unlike the ${width}×${height} of ${entries[0]!.name}`, [image.width, image.height], 'pass size to resize every image');
          }
          const resized = image.height === height && image.width === width ? image : resizeArea(image, height, width);
          for (let e = 0; e < exampleSize; e++) out[j * exampleSize + e] = (resized.data[e] as number) / 127.5 - 1;
        }),
      );
      return out;
    },
  };
  return batched<tf.Tensor4D>(set);
}

function sizeOf(field: string, size: ImageSize): readonly [number, number] {
  const pair = typeof size === 'number' ? ([size, size] as const) : size;
  check(field, size, pair.length === 2 && pair.every((s) => isIntegerIn(s, 1, 1 << 14)), 'a side in [1, 16384] or [height, width]');
  return pair;
}

/** RGBA bytes to R, G, B or to luma Y = 0.299R + 0.587G + 0.114B (ITU-R BT.601). */
function toChannels(image: HostImage<Uint8Array>, channels: 1 | 3): HostImage {
  const pixels = image.height * image.width;
  const data = new Float32Array(pixels * channels);
  const src = image.data;
  for (let p = 0; p < pixels; p++) {
    const [r, g, b] = [src[4 * p] as number, src[4 * p + 1] as number, src[4 * p + 2] as number];
    if (channels === 1) data[p] = 0.299 * r + 0.587 * g + 0.114 * b;
    else data.set([r, g, b], 3 * p);
  }
  return { height: image.height, width: image.width, channels, data };
}
