import { open, stat } from 'node:fs/promises';
import { SaddleError } from '@saddle/core';
import type { ByteSource } from '../byte-source.js';

/**
 * A local file as a `ByteSource`, read on demand at offsets (the file is opened for each read
 * and closed after it, so nothing needs closing and files larger than memory stream through).
 * A missing or unreadable file is an `IO_ERROR` SaddleError naming the path.
 *
 * @example
 * ```ts
 * import { fileSource } from '@saddle/datasets/node';
 * const cifar = await loadCifar10([await fileSource('cifar-10-batches-bin/data_batch_1.bin')]);
 * ```
 */
export async function fileSource(path: string): Promise<ByteSource> {
  const info = await stat(path).catch((cause: unknown) => {
    throw ioError(path, cause);
  });
  if (!info.isFile()) {
    throw new SaddleError('is not a regular file', { code: 'IO_ERROR', field: path, fix: 'pass the path of a file' });
  }
  return {
    name: path,
    size: info.size,
    read: async (offset, length) => {
      const end = Math.min(info.size, offset + length);
      const buffer = new Uint8Array(Math.max(0, end - offset));
      try {
        const handle = await open(path, 'r');
        try {
          let done = 0;
          while (done < buffer.length) {
            const { bytesRead } = await handle.read(buffer, done, buffer.length - done, offset + done);
            if (bytesRead === 0) break;
            done += bytesRead;
          }
          return buffer.subarray(0, done);
        } finally {
          await handle.close();
        }
      } catch (cause) {
        throw ioError(path, cause);
      }
    },
  };
}

function ioError(path: string, cause: unknown): SaddleError {
  return new SaddleError(`cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`, {
    code: 'IO_ERROR', field: path, cause, fix: 'check the path and its permissions',
  });
}
