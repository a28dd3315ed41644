import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import { CELEBA_PREPROCESSING, imageFiles, type ImageEntry, type ImageFilesOptions, type ImageSize } from '../image-files.js';
import type { DatasetSource } from '../pipeline.js';
import { nodeImageDecoder } from './image-decoder.js';

const IMAGE_FILE = /\.(png|jpe?g)$/i;

/**
 * `imageFiles` options, with the Node decoder by default.
 *
 * @example
 * ```ts
 * const options: ImageFolderOptions = { crop: 108, size: 64, channels: 1 }; // grey 64×64 centre crops
 * const faces = await imageFolder('data/celeba/img_align_celeba', options);
 * ```
 */
export type ImageFolderOptions = Omit<ImageFilesOptions, 'decode' | 'classNames'> & { readonly decode?: ImageFilesOptions['decode'] };

/**
 * A folder of PNG/JPEG files (by extension, case-insensitive) as a data set, decoded on demand by
 * `nodeImageDecoder` with `imageFiles`' preprocessing. Either the images lie directly in `dir`
 * (unlabelled), or each subfolder is a class (labels in sorted folder-name order, as
 * torchvision's ImageFolder); files are sorted by name (code-unit order), so an index always
 * means the same file. Mixing both layouts, or a folder without images, is a SaddleError.
 *
 * @example
 * ```ts
 * const pets = await imageFolder('data/pets', { size: 64 }); // data/pets/cat/*.jpg, data/pets/dog/*.jpg
 * ```
 */
export async function imageFolder(dir: string, options: ImageFolderOptions = {}): Promise<DatasetSource<tf.Tensor4D>> {
  const listing = await list(dir);
  const files = listing.filter((e) => e.isFile() && IMAGE_FILE.test(e.name)).map((e) => e.name).sort(byCodeUnit);
  const folders = listing.filter((e) => e.isDirectory()).map((e) => e.name).sort(byCodeUnit);
  const classes: { name: string; files: string[] }[] = [];
  for (const folder of folders) {
    const inside = (await list(join(dir, folder))).filter((e) => e.isFile() && IMAGE_FILE.test(e.name)).map((e) => e.name).sort(byCodeUnit);
    if (inside.length > 0) classes.push({ name: folder, files: inside });
  }
  if (files.length > 0 && classes.length > 0) {
    throw new SaddleError('mixes images and class subfolders of images', {
      code: 'INVALID_ARGUMENT', field: dir, fix: 'put every image in a class subfolder, or none',
    });
  }
  if (files.length === 0 && classes.length === 0) {
    throw new SaddleError('holds no .png, .jpg or .jpeg files', { code: 'INVALID_ARGUMENT', field: dir, fix: 'pass a folder of images, or of class folders of images' });
  }
  const entry = (path: string, label?: number): ImageEntry => ({ name: path, bytes: () => readFile(path), label });
  const entries = files.length > 0
    ? files.map((f) => entry(join(dir, f)))
    : classes.flatMap(({ name, files: inside }, label) => inside.map((f) => entry(join(dir, name, f), label)));
  return imageFiles(entries, {
    ...options,
    decode: options.decode ?? nodeImageDecoder,
    name: options.name ?? `images:${dir}`,
    classNames: classes.length > 0 ? classes.map((c) => c.name) : undefined,
  });
}

/**
 * CelebA from its `img_align_celeba` folder of 178×218 JPEGs, with `CELEBA_PREPROCESSING`: a
 * centred 108×108 crop resized to `size` (default 64) by area resampling; NHWC, R, G, B, [−1, 1].
 *
 * @example
 * ```ts
 * const celeba = await celebA('data/img_align_celeba'); // 202,599 × [64, 64, 3]
 * ```
 */
export async function celebA(dir: string, options: { readonly size?: ImageSize } = {}): Promise<DatasetSource<tf.Tensor4D>> {
  return imageFolder(dir, { crop: CELEBA_PREPROCESSING.crop, size: options.size ?? CELEBA_PREPROCESSING.size, name: 'celeba' });
}

async function list(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new SaddleError(`cannot be listed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      code: 'IO_ERROR', field: dir, cause, fix: 'check the folder path',
    });
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
