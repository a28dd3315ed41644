import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import { memorySource } from './byte-source.js';
import { loadStl10, STL10_CLASSES } from './stl10.js';
import { pixel, stlImages } from './test-support/formats.js';

describeWithBackends('loadStl10', ALL_BACKENDS, () => {
  it('reads column-major R/G/B planes into NHWC rows and 1-based labels into 0-based ones', async () => {
    const stl = await loadStl10({ images: memorySource(stlImages(2), 'train_X.bin'), labels: memorySource(Uint8Array.of(10, 1), 'train_y.bin') });
    expect(stl.exampleShape).toEqual([96, 96, 3]);
    expect(Array.from(stl.labels!)).toEqual([9, 0]);
    expect(stl.classNames).toBe(STL10_CLASSES);
    for await (const x of stl.batches({ batchSize: 2, rng: createRng(0), shuffle: false, epochs: 1 })) {
      const v = await x.data();
      for (let n = 0; n < 2; n++) {
        for (const [row, col] of [[0, 1], [1, 0], [50, 95], [95, 7]] as const) {
          for (let c = 0; c < 3; c++) expect(v[((n * 96 + row) * 96 + col) * 3 + c]).toBeCloseTo(pixel(n, row, col, c) / 127.5 - 1, 6);
        }
      }
      x.dispose();
    }
  });

  it('resizes at load by area resampling: each 48×48 pixel is the rounded mean of a 2×2 block', async () => {
    const stl = await loadStl10({ images: memorySource(stlImages(1), 'unlabeled_X.bin'), size: 48 });
    expect(stl.labels).toBeUndefined();
    const v = await stl.read(Int32Array.of(0));
    for (const [row, col] of [[0, 0], [10, 40], [47, 47]] as const) {
      for (let c = 0; c < 3; c++) {
        const block = [0, 1].flatMap((dy) => [0, 1].map((dx) => pixel(0, 2 * row + dy, 2 * col + dx, c)));
        expect(v[(row * 48 + col) * 3 + c]).toBeCloseTo(Math.round(block.reduce((a, b) => a + b, 0) / 4) / 127.5 - 1, 6);
      }
    }
  });

  it('names the file for a partial image, a label count mismatch and a label outside 1..10', async () => {
    const images = memorySource(stlImages(2), 'train_X.bin');
    await expect(loadStl10({ images: memorySource(stlImages(1).subarray(1), 'cut_X.bin') })).rejects.toThrowError(/cut_X.bin: wrong size: 27647 bytes is not a positive whole number of 27648-byte STL-10 images/);
    await expect(loadStl10({ images, labels: memorySource(Uint8Array.of(1), 'y.bin') })).rejects.toThrowError(/y.bin: truncated: one label byte for each of the 2 images of train_X.bin needs 2 bytes, the file has 1/);
    await expect(loadStl10({ images, labels: memorySource(Uint8Array.of(1, 0), 'y0.bin') })).rejects.toThrowError(/y0.bin: label 0 of image 1 is outside 1..10/);
    await expect(loadStl10({ images, size: 97 })).rejects.toThrowError(/size: must be an integer in \[1, 96\]/);
  });
});
