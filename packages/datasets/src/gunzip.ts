import { SaddleError } from '@saddle/core';
import { corruptFile } from './internal/corrupt-file.js';

/**
 * Default cap on the decompressed size of one gzip file: 1 GiB.
 *
 * @example
 * ```ts
 * await gunzip(bytes, { name, maxBytes: 4 * DEFAULT_MAX_DECOMPRESSED_BYTES }); // allow 4 GiB
 * ```
 */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 1 << 30;

/**
 * True when `bytes` start with the gzip magic number 1f 8b (RFC 1952).
 *
 * @example
 * ```ts
 * isGzip(await source.read(0, 2)); // true for train-images-idx3-ubyte.gz
 * ```
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses a gzip file with the platform's `DecompressionStream('gzip')` (browsers and
 * Node ≥ 18), streaming, and stops with a `CORRUPT_FILE` SaddleError naming `name` as soon as
 * the output passes `maxBytes` (so a hostile file cannot exhaust memory), or when the data are
 * not valid gzip.
 *
 * @example
 * ```ts
 * const raw = await gunzip(bytes, { name: 'train-labels-idx1-ubyte.gz' });
 * ```
 */
export async function gunzip(bytes: Uint8Array, options: { readonly name: string; readonly maxBytes?: number }): Promise<Uint8Array> {
  const { name, maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES } = options;
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        throw corruptFile(name, `decompresses to more than ${maxBytes} bytes`, total, 'raise maxDecompressedBytes if the file is genuine');
      }
      chunks.push(value);
    }
  } catch (cause) {
    await reader.cancel().catch(() => undefined);
    if (cause instanceof SaddleError) throw cause;
    throw corruptFile(name, `is not valid gzip data (${String(cause)})`, undefined, 'download the file again, or pass it uncompressed');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
