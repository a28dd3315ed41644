import { SaddleError } from '@saddle/core';
import type { DecodedImage } from './image-files.js';
import { corruptFile } from './internal/corrupt-file.js';

/**
 * An `ImageDecoder` for browsers and workers: the platform decodes (any format it supports: PNG,
 * JPEG, WebP, ...) through `createImageBitmap` without premultiplied alpha or colour-space
 * conversion, and an `OffscreenCanvas` reads the RGBA pixels back. Decoding runs off the main
 * thread where the browser allows. In Node, use `nodeImageDecoder` from `@saddle/datasets/node`.
 *
 * @example
 * ```ts
 * const faces = await imageFiles(Array.from(input.files!, (f) => imageEntry(f)), { ...CELEBA_PREPROCESSING, decode: canvasImageDecoder });
 * ```
 */
export async function canvasImageDecoder(bytes: Uint8Array, name: string): Promise<DecodedImage> {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') {
    throw new SaddleError('this runtime has no createImageBitmap/OffscreenCanvas', {
      code: 'INVALID_ARGUMENT', field: 'decode', value: name, fix: 'in Node, pass decode: nodeImageDecoder from @saddle/datasets/node',
    });
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  } catch (cause) {
    throw corruptFile(name, `could not be decoded as an image (${String(cause)})`, undefined, 'pass a PNG or JPEG file');
  }
  const { width, height } = bitmap;
  const context = new OffscreenCanvas(width, height).getContext('2d');
  if (context === null) {
    throw new SaddleError('OffscreenCanvas gave no 2d context', { code: 'INVALID_ARGUMENT', field: 'decode', value: name, fix: 'use a browser with OffscreenCanvas 2d support' });
  }
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { width, height, data: new Uint8Array(context.getImageData(0, 0, width, height).data.buffer) };
}
