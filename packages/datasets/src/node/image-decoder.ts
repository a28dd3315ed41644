import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import type { DecodedImage } from '../image-files.js';
import { corruptFile } from '../internal/corrupt-file.js';

/**
 * Largest image decoded: 64 megapixels (checked from the header, before decoding).
 *
 * @example
 * ```ts
 * MAX_IMAGE_PIXELS; // 67108864, e.g. 8192×8192
 * ```
 */
export const MAX_IMAGE_PIXELS = 1 << 26;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The Node `ImageDecoder`: PNG by pngjs (any bit depth, palette, grayscale and interlacing, 16-bit
 * channels scaled to 8), JPEG by jpeg-js (baseline and progressive), told apart by their magic
 * bytes; RGBA out. Images over `MAX_IMAGE_PIXELS` are refused from their header, before any
 * pixel buffer is allocated. Anything else, or a corrupt file, is a `CORRUPT_FILE` SaddleError
 * naming the file.
 *
 * @example
 * ```ts
 * const { width, height, data } = nodeImageDecoder(await readFile('face.jpg'), 'face.jpg');
 * ```
 */
export function nodeImageDecoder(bytes: Uint8Array, name: string): DecodedImage {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return decodePng(bytes, name);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return decodeJpeg(bytes, name);
  throw corruptFile(name, 'is neither PNG nor JPEG (unknown magic bytes)', Array.from(bytes.subarray(0, 4)), 'pass PNG or JPEG files');
}

function decodePng(bytes: Uint8Array, name: string): DecodedImage {
  if (bytes.length < 24) throw corruptFile(name, `truncated: ${bytes.length} bytes end before the PNG IHDR chunk`, bytes.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkPixels(name, view.getUint32(16, false), view.getUint32(20, false));
  try {
    const png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } catch (cause) {
    throw corruptFile(name, `is not a valid PNG (${String(cause)})`);
  }
}

function decodeJpeg(bytes: Uint8Array, name: string): DecodedImage {
  try {
    // jpeg-js checks the frame header against maxResolutionInMP before it allocates pixels.
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 1024 });
    return { width: image.width, height: image.height, data: image.data };
  } catch (cause) {
    throw corruptFile(name, `is not a valid JPEG (${String(cause)})`);
  }
}

function checkPixels(name: string, width: number, height: number): void {
  if (width < 1 || height < 1 || width * height > MAX_IMAGE_PIXELS) {
    throw corruptFile(name, `declares ${width}×${height} pixels (limit ${MAX_IMAGE_PIXELS})`, [width, height], 'pass images of at most 64 megapixels');
  }
}
