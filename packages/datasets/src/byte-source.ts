import { SaddleError } from '@saddle/core';

/**
 * Bytes addressed by offset, with a name for error messages: a file (`fileSource` from
 * `@saddle/datasets/node`), a browser `File`/`Blob` (`blobSource`), a downloaded URL
 * (`urlSource`) or an in-memory array (`memorySource`). Loaders read headers first and validate
 * every declared size against `size` before reading or allocating anything else.
 *
 * @example
 * ```ts
 * const source = memorySource(bytes, 'train-images-idx3-ubyte');
 * const header = await source.read(0, 16);
 * ```
 */
export interface ByteSource {
  /** Path, URL or file name, used in error messages. */
  readonly name: string;
  /** Length in bytes. */
  readonly size: number;
  /** The bytes [offset, offset + length); fewer only where the range passes the end. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/**
 * A `ByteSource` over bytes in memory (no copy).
 *
 * @example
 * ```ts
 * const source = memorySource(new Uint8Array(await file.arrayBuffer()), file.name);
 * ```
 */
export function memorySource(bytes: Uint8Array | ArrayBuffer, name = 'bytes'): ByteSource {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return { name, size: view.length, read: async (offset, length) => view.subarray(offset, offset + length) };
}

/**
 * A `ByteSource` over a browser `Blob` or `File`, read slice by slice (the whole file is never
 * held at once). Its name is the `File`'s name unless given.
 *
 * @example
 * ```ts
 * const [file] = input.files; // <input type="file">
 * const cifar = await loadCifar10([blobSource(file)]);
 * ```
 */
export function blobSource(blob: Blob, name?: string): ByteSource {
  const label = name ?? ('name' in blob && typeof blob.name === 'string' ? blob.name : 'blob');
  return {
    name: label,
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

/**
 * Downloads `url` with `fetch` (browser or Node) into memory and returns it as a `ByteSource`
 * named by the URL. A failed request or a non-2xx status is an `IO_ERROR` naming the URL.
 *
 * @example
 * ```ts
 * const mnist = await loadMnist({ images: await urlSource('/data/train-images-idx3-ubyte.gz') });
 * ```
 */
export async function urlSource(url: string | URL, init?: RequestInit): Promise<ByteSource> {
  const name = String(url);
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new SaddleError(`could not be fetched: ${String(cause)}`, { code: 'IO_ERROR', field: name, cause, fix: 'check the URL and the network' });
  }
  if (!response.ok) {
    throw new SaddleError(`answered HTTP ${response.status}`, { code: 'IO_ERROR', field: name, value: response.status, fix: 'check the URL' });
  }
  return memorySource(await response.arrayBuffer(), name);
}
