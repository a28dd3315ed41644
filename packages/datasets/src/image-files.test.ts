import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canvasImageDecoder } from './canvas-image-decoder.js';
import { CELEBA_PREPROCESSING, imageEntry, imageFiles, type DecodedImage, type ImageDecoder, type ImageEntry } from './image-files.js';

/** A fake "file": its bytes are [width, height, seed]; the decoder draws RGBA pixels from them. */
const fakeDecode: ImageDecoder = (bytes, name) => {
  if (bytes.length !== 3) throw new Error(`not a fake image: ${name}`);
  const [width, height, seed] = bytes as unknown as [number, number, number];
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([(seed + p) % 256, (2 * p) % 256, (seed * 3) % 256, 128], 4 * p);
  return { width, height, data };
};
const entry = (width: number, height: number, seed: number, label?: number): ImageEntry => ({
  name: `img${seed}.png`, bytes: async () => Uint8Array.of(width, height, seed), label,
});

describeWithBackends('imageFiles', ALL_BACKENDS, () => {
  it('decodes on demand to NHWC R, G, B in [−1, 1], dropping alpha', async () => {
    const set = await imageFiles([entry(4, 3, 10, 1), entry(4, 3, 20, 0)], { decode: fakeDecode, classNames: ['a', 'b'] });
    expect(set.exampleShape).toEqual([3, 4, 3]);
    expect(Array.from(set.labels!)).toEqual([1, 0]);
    for await (const x of set.batches({ batchSize: 2, rng: createRng(0), shuffle: false, epochs: 1 })) {
      expect(x.shape).toEqual([2, 3, 4, 3]);
      const v = await x.data();
      const rgba = fakeDecode(Uint8Array.of(4, 3, 20), 'x') as DecodedImage;
      for (let p = 0; p < 12; p++) {
        for (let c = 0; c < 3; c++) expect(v[36 + 3 * p + c]).toBeCloseTo(rgba.data[4 * p + c]! / 127.5 - 1, 6);
      }
      x.dispose();
    }
  });

  it('centre-crops, then area-resizes; luma for one channel', async () => {
    // 6×4 image, crop to 4×2 (top 1, left 1), resize to 2×1: each output is the mean of a 2×2 block.
    const set = await imageFiles([entry(6, 4, 0)], { decode: fakeDecode, crop: [2, 4], size: [1, 2], channels: 1 });
    expect(set.exampleShape).toEqual([1, 2, 1]);
    const rgba = (fakeDecode(Uint8Array.of(6, 4, 0), 'x') as DecodedImage).data;
    const luma = (row: number, col: number) => {
      const p = 4 * (row * 6 + col);
      return 0.299 * rgba[p]! + 0.587 * rgba[p + 1]! + 0.114 * rgba[p + 2]!;
    };
    const block = (left: number) => (luma(1, left) + luma(1, left + 1) + luma(2, left) + luma(2, left + 1)) / 4;
    const v = await set.read(Int32Array.of(0));
    expect(v[0]).toBeCloseTo(block(1) / 127.5 - 1, 5);
    expect(v[1]).toBeCloseTo(block(3) / 127.5 - 1, 5);
  });

  it('names the file that is corrupt, too small for the crop, or of another size', async () => {
    const broken: ImageEntry = { name: 'broken.jpg', bytes: async () => Uint8Array.of(1) };
    const missing: ImageEntry = { name: 'gone.png', bytes: () => Promise.reject(new Error('ENOENT')) };
    await expect(imageFiles([broken], { decode: fakeDecode })).rejects.toThrowError(/broken.jpg: could not be read or decoded: Error: not a fake image/);
    const mixed = await imageFiles([entry(4, 4, 1), entry(5, 4, 2), missing], { decode: fakeDecode });
    await expect(mixed.read(Int32Array.of(1))).rejects.toThrowError(/img2.png: is 5×4, unlike the 4×4 of img1.png.*pass size/);
    await expect(mixed.read(Int32Array.of(2))).rejects.toThrowError(/gone.png: could not be read or decoded: Error: ENOENT/);
    const cropped = await imageFiles([entry(4, 4, 1)], { decode: fakeDecode, ...CELEBA_PREPROCESSING });
    await expect(cropped.read(Int32Array.of(0))).rejects.toThrowError(/img1.png: is 4×4, smaller than the 108×108 crop/);
    await expect(imageFiles([entry(4, 4, 1, 0), entry(4, 4, 2)], { decode: fakeDecode })).rejects.toThrowError(/entries: must be all labelled or all unlabelled/);
    await expect(imageFiles([], { decode: fakeDecode })).rejects.toThrowError(/entries: must be at least one image/);
  });
});

describe('browser helpers', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('imageEntry reads a File and keeps its name', async () => {
    const e = imageEntry(new File([Uint8Array.of(1, 2, 3)], 'face.png'), 4);
    expect(e.name).toBe('face.png');
    expect(e.label).toBe(4);
    expect(Array.from(await e.bytes())).toEqual([1, 2, 3]);
  });

  it('canvasImageDecoder explains itself where there is no canvas, and reads RGBA back where there is', async () => {
    await expect(canvasImageDecoder(Uint8Array.of(1), 'a.png')).rejects.toThrowError(/decode: this runtime has no createImageBitmap\/OffscreenCanvas.*nodeImageDecoder/);
    const pixels = Uint8ClampedArray.of(1, 2, 3, 4, 5, 6, 7, 8);
    const calls: unknown[] = [];
    vi.stubGlobal('createImageBitmap', async (blob: Blob, options: unknown) => {
      calls.push(options);
      if (blob.size === 0) throw new Error('InvalidStateError');
      return { width: 2, height: 1, close: () => calls.push('closed') };
    });
    vi.stubGlobal('OffscreenCanvas', class {
      getContext() {
        return { drawImage: () => undefined, getImageData: () => ({ data: pixels }) };
      }
    });
    const decoded = await canvasImageDecoder(Uint8Array.of(9), 'b.png');
    expect([decoded.width, decoded.height, Array.from(decoded.data)]).toEqual([2, 1, [1, 2, 3, 4, 5, 6, 7, 8]]);
    expect(calls).toEqual([{ premultiplyAlpha: 'none', colorSpaceConversion: 'none' }, 'closed']);
    await expect(canvasImageDecoder(new Uint8Array(0), 'c.png')).rejects.toThrowError(/c.png: could not be decoded as an image/);
  });
});
