import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCifar10, loadCifar100 } from '../cifar.js';
import { loadMnist } from '../mnist.js';
import { loadNpy } from '../npy.js';
import { loadStl10 } from '../stl10.js';
import { cifarFile, idxFile, npyFile, pixel, stlImages } from '../test-support/formats.js';
import { fileSource } from './file-source.js';

// The loaders on files written to disk in each published layout, read through fileSource.
describe('loaders on local files', () => {
  let dir = '';
  const path = (name: string) => join(dir, name);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saddle-loaders-'));
    const images = Array.from({ length: 2 * 784 }, (_, j) => pixel(Math.floor(j / 784), Math.floor((j % 784) / 28), j % 28, 0));
    await writeFile(path('t10k-images-idx3-ubyte.gz'), gzipSync(idxFile(0x08, [2, 28, 28], images)));
    await writeFile(path('t10k-labels-idx1-ubyte'), idxFile(0x08, [2], [4, 2]));
    await writeFile(path('data_batch_1.bin'), cifarFile([[6], [1], [8]]));
    await writeFile(path('test.bin'), cifarFile([[2, 55]]));
    await writeFile(path('test_X.bin'), stlImages(2));
    await writeFile(path('test_y.bin'), Uint8Array.of(3, 7));
    await writeFile(path('x.npy'), npyFile('|u1', [2, 4, 4, 3], Array.from({ length: 96 }, (_, i) => (i * 5) % 256)));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('read the right pixels and labels', async () => {
    const mnist = await loadMnist({ images: await fileSource(path('t10k-images-idx3-ubyte.gz')), labels: await fileSource(path('t10k-labels-idx1-ubyte')) });
    expect(Array.from(mnist.labels!)).toEqual([4, 2]);
    expect((await mnist.read(Int32Array.of(1)))[5 * 28 + 9]).toBeCloseTo(pixel(1, 5, 9, 0) / 127.5 - 1, 6);
    const cifar = await loadCifar10([await fileSource(path('data_batch_1.bin'))]);
    expect(Array.from(cifar.labels!)).toEqual([6, 1, 8]);
    expect((await cifar.read(Int32Array.of(2)))[(31 * 32 + 30) * 3 + 2]).toBeCloseTo(pixel(2, 31, 30, 2) / 127.5 - 1, 6);
    const cifar100 = await loadCifar100([await fileSource(path('test.bin'))]);
    expect(Array.from(cifar100.labels!)).toEqual([55]);
    const stl = await loadStl10({ images: await fileSource(path('test_X.bin')), labels: await fileSource(path('test_y.bin')) });
    expect(Array.from(stl.labels!)).toEqual([2, 6]);
    expect((await stl.read(Int32Array.of(1)))[(90 * 96 + 4) * 3 + 1]).toBeCloseTo(pixel(1, 90, 4, 1) / 127.5 - 1, 6);
    const npy = await loadNpy(await fileSource(path('x.npy')));
    expect(npy.exampleShape).toEqual([4, 4, 3]);
    expect((await npy.read(Int32Array.of(1)))[7]).toBeCloseTo(((55 * 5) % 256) / 127.5 - 1, 6);
  });

  it('name the path of a truncated file', async () => {
    await truncate(path('data_batch_1.bin'), 3073 * 2 + 100);
    await expect(loadCifar10([await fileSource(path('data_batch_1.bin'))])).rejects.toThrowError(new RegExp(`${path('data_batch_1.bin')}: wrong size: 6246 bytes`));
    await truncate(path('x.npy'), 200);
    await expect(loadNpy(await fileSource(path('x.npy')))).rejects.toThrowError(/x.npy: truncated: a uint8 array of shape \(2, 4, 4, 3\) needs 224 bytes, the file has 200/);
  });
});
