import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { SaddleError } from '@saddle/core';

/**
 * Writes a file so readers see the old content or the new, never a torn file: the bytes go to
 * a temporary sibling, are flushed to disk, and the temporary file is renamed over `path`
 * (rename is atomic within a directory on POSIX and NTFS).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const file = await open(temp, 'w');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (cause) {
    await rm(temp, { force: true });
    throw new SaddleError(`could not write ${path}: ${String(cause)}`, {
      code: 'IO_ERROR', field: 'path', value: path, cause, fix: 'check that the directory exists and is writable',
    });
  }
}
