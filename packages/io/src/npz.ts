import { SaddleError } from '@saddle/core';
import { checkNamedArray, type NamedArray } from './named-array.js';
import { readNpy, writeNpy } from './npy.js';
import { corruptFile, UNNAMED } from './internal/corrupt-file.js';
import { crc32 } from './internal/crc32.js';
import { readZipEntries } from './internal/zip.js';
import type { ReadOptions } from './read-options.js';

/**
 * Options of `readNpz`.
 *
 * @example
 * ```ts
 * const options: ReadNpzOptions = { file: 'stats.npz', inflateRaw };
 * ```
 */
export interface ReadNpzOptions extends ReadOptions {
  /**
   * Decompresses a raw deflate stream whose output is `size` bytes, for `np.savez_compressed` files
   * (`inflateRaw` of `@saddle/io/node`). Without it, compressed entries are refused.
   */
  readonly inflateRaw?: (data: Uint8Array, size: number) => Uint8Array;
}

/**
 * Reads a .npz archive (`np.savez` or `np.savez_compressed`): a zip whose entries `<name>.npy` are
 * .npy files. Returns the arrays by name without the `.npy` suffix, e.g. `{ mu, sigma }` for the
 * statistics files of pytorch-fid and TTUR. Stored entries are read directly; deflated ones
 * (method 8) through `options.inflateRaw`, refused when its output is not the declared size.
 * Every size is checked first, so a damaged file is a `CORRUPT_FILE` SaddleError naming the file.
 *
 * @example
 * ```ts
 * import { inflateRaw, readFileBytes } from '@saddle/io/node';
 * const { mu, sigma } = readNpz(await readFileBytes('fid_stats_cifar10_train.npz'), { file: 'fid_stats_cifar10_train.npz', inflateRaw });
 * mu.shape; // [2048]
 * ```
 */
export function readNpz(bytes: Uint8Array, options: ReadNpzOptions = {}): Record<string, NamedArray> {
  const file = options.file ?? UNNAMED;
  const out: Record<string, NamedArray> = {};
  for (const [name, entry] of readZipEntries(bytes, file)) {
    if (!name.endsWith('.npy')) throw corruptFile(file, `entry ${name} is not a .npy array`, name, 'pass a file written by np.savez or np.savez_compressed');
    let data = entry.data;
    if (entry.method === 8) {
      if (options.inflateRaw === undefined) {
        throw corruptFile(file, `entry ${name} is compressed (np.savez_compressed)`, entry.method, "pass { inflateRaw } from '@saddle/io/node' to read compressed archives");
      }
      try {
        data = options.inflateRaw(entry.data, entry.uncompressedSize);
      } catch (cause) {
        throw corruptFile(file, `entry ${name} does not decompress: ${String((cause as Error).message ?? cause)}`, name);
      }
      if (data.length !== entry.uncompressedSize) throw corruptFile(file, `entry ${name} decompresses to ${data.length} bytes, not the declared ${entry.uncompressedSize}`, name);
    } else if (entry.method !== 0) {
      throw corruptFile(file, `entry ${name} uses zip method ${entry.method}`, entry.method, 'save with np.savez or np.savez_compressed (stored or deflate)');
    }
    out[name.slice(0, -'.npy'.length)] = readNpy(data, { file: `${file}:${name}` });
  }
  return out;
}

/**
 * Writes arrays as an uncompressed .npz archive, as `np.savez(path, **arrays)` does: one stored zip
 * entry `<name>.npy` per array (CRC-32 filled in), readable by `np.load`. Names must be non-empty
 * and contain no "/".
 *
 * @example
 * ```ts
 * await writeFileAtomic('stats.npz', writeNpz({ mu: { dtype: 'float64', shape: [2048], data: mean }, sigma }));
 * ```
 */
export function writeNpz(arrays: Readonly<Record<string, NamedArray>>): Uint8Array {
  const utf8 = new TextEncoder();
  const files = Object.entries(arrays).map(([key, array]) => {
    if (key === '' || key.includes('/')) {
      throw new SaddleError('array names must be non-empty and free of "/"', { code: 'INVALID_ARGUMENT', field: 'arrays', value: key, fix: 'use names such as mu and sigma' });
    }
    checkNamedArray(`arrays.${key}`, array);
    const data = writeNpy(array);
    return { name: utf8.encode(`${key}.npy`), data, crc: crc32(data) };
  });
  const localSize = files.reduce((s, f) => s + 30 + f.name.length + f.data.length, 0);
  const centralSize = files.reduce((s, f) => s + 46 + f.name.length, 0);
  if (localSize + centralSize > 0xffffffff) {
    throw new SaddleError('arrays are too large for a zip without zip64', { code: 'INVALID_ARGUMENT', field: 'arrays', value: localSize, fix: 'save fewer or smaller arrays (under 4 GiB in all)' });
  }
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  const DATE_1980_01_01 = 0x21;
  let at = 0;
  const offsets: number[] = [];
  for (const f of files) {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 12, DATE_1980_01_01, true);
    view.setUint32(at + 14, f.crc, true);
    view.setUint32(at + 18, f.data.length, true);
    view.setUint32(at + 22, f.data.length, true);
    view.setUint16(at + 26, f.name.length, true);
    out.set(f.name, at + 30);
    out.set(f.data, at + 30 + f.name.length);
    at += 30 + f.name.length + f.data.length;
  }
  files.forEach((f, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 14, DATE_1980_01_01, true);
    view.setUint32(at + 16, f.crc, true);
    view.setUint32(at + 20, f.data.length, true);
    view.setUint32(at + 24, f.data.length, true);
    view.setUint16(at + 28, f.name.length, true);
    view.setUint32(at + 42, offsets[i] as number, true);
    out.set(f.name, at + 46);
    at += 46 + f.name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, files.length, true);
  view.setUint16(at + 10, files.length, true);
  view.setUint32(at + 12, centralSize, true);
  view.setUint32(at + 16, localSize, true);
  return out;
}
