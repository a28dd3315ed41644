import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaddleError } from '@saddle/core';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileBytes, sha256Hex, writeFileAtomic } from './index.js';

describe('@saddle/io/node', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'saddle-io-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writeFileAtomic replaces a file and leaves no temporary file behind', async () => {
    const path = join(dir, 'a.bin');
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    await writeFileAtomic(path, new Uint8Array([4, 5]));
    expect(Array.from(await readFileBytes(path))).toEqual([4, 5]);
    expect(await readdir(dir)).toEqual(['a.bin']);
    await writeFileAtomic(path, 'text');
    expect(await readFile(path, 'utf8')).toBe('text');
  });

  it('writeFileAtomic into a missing directory is an IO_ERROR naming the path', async () => {
    const path = join(dir, 'missing', 'a.bin');
    await expect(writeFileAtomic(path, new Uint8Array(1))).rejects.toMatchObject({ code: 'IO_ERROR', field: path });
  });

  it('readFileBytes of a missing file is an IO_ERROR naming the path', async () => {
    const error = await readFileBytes(join(dir, 'nope.pth')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaddleError);
    expect((error as SaddleError).message).toMatch(/nope\.pth: could not read the file: ENOENT/);
  });

  it('sha256Hex matches the known digests of "" and "abc"', () => {
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
