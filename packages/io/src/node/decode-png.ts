import { SaddleError } from '@saddle/core';
import { PNG } from 'pngjs';
import type { RgbImage } from '../png.js';

/**
 * Decodes a PNG (any colour type, bit depth and interlacing that pngjs reads) to 8-bit RGBA.
 * A damaged file is a `CORRUPT_FILE` SaddleError naming `file`.
 *
 * @example
 * ```ts
 * const { width, height, data } = decodePng(await readFileBytes('grid.png'), { file: 'grid.png' }); // RGBA
 * ```
 */
export function decodePng(bytes: Uint8Array, options: { readonly file?: string } = {}): RgbImage {
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, channels: 4, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } catch (cause) {
    throw new SaddleError(`is not a readable PNG: ${String((cause as Error).message ?? cause)}`, {
      code: 'CORRUPT_FILE', field: options.file ?? '(bytes)', cause, fix: 'pass a complete PNG file',
    });
  }
}
