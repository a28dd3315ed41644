import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import { memorySource } from './byte-source.js';
import { CIFAR10_CLASSES, loadCifar10, loadCifar100 } from './cifar.js';
import { cifarFile, pixel } from './test-support/formats.js';

/** Checks NHWC pixels against `pixel` for images first.., at a few places in every channel. */
function expectPixels(x: ArrayLike<number>, images: number, first = 0): void {
  for (let n = 0; n < images; n++) {
    for (const [row, col] of [[0, 0], [0, 31], [17, 5], [31, 31]] as const) {
      for (let c = 0; c < 3; c++) expect(x[((n * 32 + row) * 32 + col) * 3 + c]).toBeCloseTo(pixel(first + n, row, col, c) / 127.5 - 1, 6);
    }
  }
}

describeWithBackends('CIFAR binary loaders', ALL_BACKENDS, () => {
  it('CIFAR-10: records from several batch files, R/G/B planes to NHWC, labels', async () => {
    const a = memorySource(cifarFile([[3], [9]]), 'data_batch_1.bin');
    const b = memorySource(cifarFile([[0]], 2), 'data_batch_2.bin');
    const cifar = await loadCifar10([a, b]);
    expect(cifar.size).toBe(3);
    expect(cifar.exampleShape).toEqual([32, 32, 3]);
    expect(Array.from(cifar.labels!)).toEqual([3, 9, 0]);
    expect(cifar.classNames).toBe(CIFAR10_CLASSES);
    for await (const x of cifar.batches({ batchSize: 3, rng: createRng(0), shuffle: false, epochs: 1 })) {
      expectPixels(await x.data(), 3);
      x.dispose();
    }
  });

  it('CIFAR-100: fine or coarse labels from the two label bytes', async () => {
    const file = memorySource(cifarFile([[19, 99], [0, 42]]), 'train.bin');
    const fine = await loadCifar100([file]);
    expect(Array.from(fine.labels!)).toEqual([99, 42]);
    expectPixels(await fine.read(Int32Array.of(0, 1)), 2);
    const coarse = await loadCifar100([file], { label: 'coarse', classNames: Array.from({ length: 20 }, (_, i) => `super${i}`) });
    expect(Array.from(coarse.labels!)).toEqual([19, 0]);
    expect(coarse.classNames![19]).toBe('super19');
  });

  it('names the file for a partial record, an empty file and a bad label', async () => {
    await expect(loadCifar10([memorySource(cifarFile([[1], [2]]).subarray(0, 5000), 'data_batch_3.bin')])).rejects.toThrowError(
      /data_batch_3.bin: wrong size: 5000 bytes is not a positive whole number of 3073-byte cifar-10 records/,
    );
    await expect(loadCifar10([memorySource(new Uint8Array(0), 'empty.bin')])).rejects.toThrowError(/empty.bin: wrong size: 0 bytes/);
    await expect(loadCifar10([memorySource(cifarFile([[1], [10]]), 'test_batch.bin')])).rejects.toThrowError(/test_batch.bin: record 1: label 10 is outside 0..9/);
    await expect(loadCifar100([memorySource(cifarFile([[20, 1]]), 'train.bin')], { label: 'coarse' })).rejects.toThrowError(/train.bin: record 0: label 20 is outside 0..19/);
    await expect(loadCifar100([memorySource(cifarFile([[1]]), 'cifar10.bin')])).rejects.toThrowError(/cifar10.bin: wrong size: 3073 bytes is not a positive whole number of 3074-byte cifar-100 records/);
    await expect(loadCifar10([])).rejects.toThrowError(/files: must be at least one batch file/);
  });
});
