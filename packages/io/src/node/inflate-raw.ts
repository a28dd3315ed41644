import { inflateRawSync } from 'node:zlib';

/**
 * Decompresses a raw deflate stream (zip method 8) whose output is `size` bytes, with Node's zlib;
 * output beyond `size` is refused rather than allocated, so a zip bomb cannot exhaust memory. Pass it
 * to `readNpz` for `np.savez_compressed` files.
 *
 * @example
 * ```ts
 * const stats = readNpz(await readFileBytes('stats.npz'), { file: 'stats.npz', inflateRaw });
 * ```
 */
export function inflateRaw(data: Uint8Array, size: number): Uint8Array {
  const out = inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
