import { readFile } from 'node:fs/promises';
import { SaddleError } from '@saddle/core';

/**
 * Reads a whole local file into a `Uint8Array` (for the parsers of `@saddle/io`). A missing or
 * unreadable file is an `IO_ERROR` SaddleError naming the path.
 *
 * @example
 * ```ts
 * const params = readTorchCheckpoint(await readFileBytes('G.pth'), { file: 'G.pth' });
 * ```
 */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (cause) {
    throw new SaddleError(`could not read the file: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, {
      code: 'IO_ERROR', field: path, cause, fix: 'check the path and its permissions',
    });
  }
}
