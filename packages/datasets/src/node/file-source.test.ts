import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from './file-source.js';

describe('fileSource', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saddle-file-source-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads ranges of a file, short only past its end', async () => {
    const path = join(dir, 'a.bin');
    await writeFile(path, Uint8Array.from({ length: 1000 }, (_, i) => i % 256));
    const source = await fileSource(path);
    expect([source.name, source.size]).toEqual([path, 1000]);
    expect(Array.from(await source.read(500, 4))).toEqual([244, 245, 246, 247]);
    expect((await source.read(998, 10)).length).toBe(2);
    expect((await source.read(2000, 10)).length).toBe(0);
  });

  it('names a missing path, a folder, and a file that vanished', async () => {
    await expect(fileSource(join(dir, 'nope.bin'))).rejects.toThrowError(/nope.bin: cannot be read: ENOENT/);
    await expect(fileSource(dir)).rejects.toThrowError(/is not a regular file/);
    const path = join(dir, 'gone.bin');
    await writeFile(path, new Uint8Array(10));
    const source = await fileSource(path);
    await rm(path);
    await expect(source.read(0, 10)).rejects.toThrowError(/gone.bin: cannot be read: ENOENT/);
  });
});
