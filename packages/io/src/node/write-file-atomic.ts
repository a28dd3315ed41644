import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { SaddleError } from '@saddle/core';

/**
 * Writes a file so readers see the old content or the new, never a torn file: the bytes go to a
 * temporary sibling (`<path>.<pid>-<random>.tmp`, same directory, so same file system), are
 * flushed to disk (fsync), and the temporary file is renamed over `path` (atomic within a
 * directory on POSIX and NTFS). On failure the temporary file is removed and an `IO_ERROR`
 * SaddleError names the path.
 *
 * @example
 * ```ts
 * await writeFileAtomic('runs/ring/checkpoint.safetensors', writeSafetensors(tensors, { step: '3000' }));
 * ```
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const file = await open(temp, 'w');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (cause) {
    await rm(temp, { force: true });
    throw new SaddleError(`could not write the file: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, {
      code: 'IO_ERROR', field: path, cause, fix: 'check that the directory exists and is writable',
    });
  }
}
