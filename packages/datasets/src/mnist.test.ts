import { gzipSync } from 'node:zlib';
import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { describe, expect, it } from 'vitest';
import { memorySource } from './byte-source.js';
import { readIdx } from './idx.js';
import { FASHION_MNIST_CLASSES, loadMnist } from './mnist.js';
import { idxFile, pixel } from './test-support/formats.js';

/** 3 images of 28×28 from `pixel`, and their labels 7, 0, 9. */
const IMAGES = idxFile(0x08, [3, 28, 28], Array.from({ length: 3 * 784 }, (_, j) => pixel(Math.floor(j / 784), Math.floor((j % 784) / 28), j % 28, 0)));
const LABELS = idxFile(0x08, [3], [7, 0, 9]);

describe('readIdx', () => {
  it('reads every IDX type big-endian, gzipped or not', async () => {
    const cases = [
      [0x08, 'uint8', [0, 255, 17]],
      [0x09, 'int8', [-128, 127, -1]],
      [0x0b, 'int16', [-32768, 1234, -2]],
      [0x0c, 'int32', [-2147483648, 305419896, 7]],
      [0x0d, 'float32', [1.5, -0.25, 3e20]],
      [0x0e, 'float64', [Math.PI, -1e-300, 0]],
    ] as const;
    for (const [code, type, values] of cases) {
      const bytes = idxFile(code, [3, 1], values);
      for (const source of [memorySource(bytes, 'x.idx'), memorySource(gzipSync(bytes), 'x.idx.gz')]) {
        const idx = await readIdx(source);
        expect(idx.type).toBe(type);
        expect(idx.shape).toEqual([3, 1]);
        expect(idx.magic).toBe((code << 8) | 2);
        expect(Array.from(idx.data)).toEqual(Array.from(type === 'float32' ? Float32Array.from(values) : values));
      }
    }
  });

  it('names the file and the problem for a wrong magic, a truncated file and extra bytes', async () => {
    await expect(readIdx(memorySource(Uint8Array.of(1, 0, 8, 1, 0, 0, 0, 0), 'a.idx'))).rejects.toThrowError(/a.idx: wrong magic number 0x01000801: not an IDX file/);
    await expect(readIdx(memorySource(Uint8Array.of(0, 0, 7, 1), 'b.idx'))).rejects.toThrowError(/b.idx: wrong magic number 0x00000701/);
    await expect(readIdx(memorySource(Uint8Array.of(0, 0), 'c.idx'))).rejects.toThrowError(/c.idx: truncated: 2 bytes is shorter than the 4-byte IDX magic/);
    await expect(readIdx(memorySource(IMAGES.subarray(0, 1000), 'd.idx'))).rejects.toThrowError(/d.idx: truncated: an IDX uint8 array of shape \[3, 28, 28\] needs 2368 bytes, the file has 1000/);
    await expect(readIdx(memorySource(Uint8Array.of(...LABELS, 0), 'e.idx'))).rejects.toThrowError(/e.idx: wrong size: .* accounts for 11 bytes, the file has 12/);
    await expect(readIdx(memorySource(gzipSync(IMAGES).subarray(0, 100), 'f.gz'))).rejects.toThrowError(/f.gz: is not valid gzip data/);
  });

  it('refuses a hostile header declaring 2^96 values before allocating anything', async () => {
    const hostile = Uint8Array.of(0, 0, 0x0e, 3, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1, 2, 3);
    await expect(readIdx(memorySource(hostile, 'huge.idx'))).rejects.toThrowError(/huge.idx: truncated: .* shape \[4294967295, 4294967295, 4294967295\] needs/);
  });
});

describeWithBackends('loadMnist', ALL_BACKENDS, () => {
  it('returns [N, 28, 28, 1] images in [−1, 1] with their pixels and labels', async () => {
    const mnist = await loadMnist({ images: memorySource(gzipSync(IMAGES), 'train-images-idx3-ubyte.gz'), labels: memorySource(LABELS, 'train-labels-idx1-ubyte') });
    expect(mnist.exampleShape).toEqual([28, 28, 1]);
    expect(Array.from(mnist.labels!)).toEqual([7, 0, 9]);
    expect(mnist.classNames![7]).toBe('7');
    for await (const { x, labels } of mnist.labelledBatches({ batchSize: 3, rng: createRng(0), shuffle: false, epochs: 1 })) {
      expect(x.shape).toEqual([3, 28, 28, 1]);
      const v = await x.data();
      for (const [n, row, col] of [[0, 0, 0], [1, 27, 3], [2, 13, 27]] as const) {
        expect(v[n * 784 + row * 28 + col]).toBeCloseTo(pixel(n, row, col, 0) / 127.5 - 1, 6);
      }
      expect(Array.from(await labels.data())).toEqual([7, 0, 9]);
      x.dispose();
      labels.dispose();
    }
    const fashion = await loadMnist({ images: memorySource(IMAGES), classNames: FASHION_MNIST_CLASSES, name: 'fashion-mnist' });
    expect(fashion.labels).toBeUndefined();
    expect(fashion.name).toBe('fashion-mnist');
  });

  it('refuses swapped files, mismatched counts and out-of-range labels, naming the file', async () => {
    const images = memorySource(IMAGES, 'imgs');
    await expect(loadMnist({ images: memorySource(LABELS, 'labs') })).rejects.toThrowError(/labs: wrong magic number 0x00000801 for MNIST images \(expected 0x00000803\)/);
    await expect(loadMnist({ images, labels: memorySource(IMAGES, 'imgs2') })).rejects.toThrowError(/imgs2: wrong magic number 0x00000803 for MNIST labels/);
    await expect(loadMnist({ images, labels: memorySource(idxFile(0x08, [2], [1, 2]), 'short') })).rejects.toThrowError(/short: has 2 labels for the 3 images of imgs/);
    await expect(loadMnist({ images, labels: memorySource(idxFile(0x08, [3], [1, 10, 2]), 'bad') })).rejects.toThrowError(/bad: label 10 of image 1 is outside 0..9/);
    await expect(loadMnist({ images: memorySource(idxFile(0x08, [0, 28, 28], []), 'empty') })).rejects.toThrowError(/empty: holds no pixels/);
  });
});
