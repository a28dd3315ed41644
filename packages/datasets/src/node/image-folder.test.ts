import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pixel } from '../test-support/formats.js';
import { nodeImageDecoder } from './image-decoder.js';
import { celebA, imageFolder } from './image-folder.js';

/** RGBA bytes of a width×height test image n (alpha 255). */
function rgba(n: number, width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4, 255);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) for (let c = 0; c < 3; c++) data[4 * (row * width + col) + c] = pixel(n, row, col, c);
  }
  return data;
}

function png(n: number, width: number, height: number, colorType: 0 | 2 | 6 = 6): Buffer {
  const image = new pngjs.PNG({ width, height });
  image.data = rgba(n, width, height);
  return pngjs.PNG.sync.write(image, { colorType });
}

function jpg(n: number, width: number, height: number): Uint8Array {
  return jpeg.encode({ width, height, data: rgba(n, width, height) }, 100).data;
}

describe('nodeImageDecoder', () => {
  it('decodes RGBA and RGB PNGs exactly, grayscale PNGs to R = G = B, and JPEGs closely', () => {
    for (const colorType of [6, 2] as const) {
      const { width, height, data } = nodeImageDecoder(png(1, 7, 5, colorType), 'a.png');
      expect([width, height]).toEqual([7, 5]);
      expect(Array.from(data)).toEqual(Array.from(rgba(1, 7, 5)));
    }
    const gray = nodeImageDecoder(png(1, 3, 2, 0), 'g.png').data;
    expect(gray[0]).toBe(gray[1]);
    expect(gray[1]).toBe(gray[2]);
    const photo = nodeImageDecoder(jpg(2, 16, 8), 'a.jpg');
    expect([photo.width, photo.height]).toEqual([16, 8]);
    const original = rgba(2, 16, 8);
    let worst = 0;
    for (let i = 0; i < original.length; i++) worst = Math.max(worst, Math.abs(photo.data[i]! - original[i]!));
    expect(worst).toBeLessThan(40); // JPEG is lossy; quality 100 keeps these smooth ramps within a few levels
  });

  it('refuses unknown formats, truncated files and hostile dimensions before decoding', () => {
    expect(() => nodeImageDecoder(Uint8Array.of(1, 2, 3, 4), 'x.gif')).toThrowError(/x.gif: is neither PNG nor JPEG/);
    expect(() => nodeImageDecoder(png(0, 4, 4).subarray(0, 60), 'cut.png')).toThrowError(/cut.png: is not a valid PNG/);
    expect(() => nodeImageDecoder(png(0, 4, 4).subarray(0, 20), 'tiny.png')).toThrowError(/tiny.png: truncated: 20 bytes end before the PNG IHDR chunk/);
    const huge = Uint8Array.from(png(0, 4, 4));
    new DataView(huge.buffer).setUint32(16, 100_000);
    new DataView(huge.buffer).setUint32(20, 100_000);
    expect(() => nodeImageDecoder(huge, 'huge.png')).toThrowError(/huge.png: declares 100000×100000 pixels \(limit 67108864\)/);
    const hugeJpeg = jpg(0, 8, 8);
    const sof = hugeJpeg.findIndex((b, i) => b === 0xff && hugeJpeg[i + 1] === 0xc0);
    new DataView(hugeJpeg.buffer, hugeJpeg.byteOffset).setUint16(sof + 5, 60_000);
    new DataView(hugeJpeg.buffer, hugeJpeg.byteOffset).setUint16(sof + 7, 60_000);
    expect(() => nodeImageDecoder(hugeJpeg, 'huge.jpg')).toThrowError(/huge.jpg: is not a valid JPEG .*maxResolutionInMP/);
  });
});

describeWithBackends('imageFolder', ALL_BACKENDS, () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saddle-image-folder-'));
    await mkdir(join(dir, 'pets', 'dog'), { recursive: true });
    await mkdir(join(dir, 'pets', 'cat'));
    await mkdir(join(dir, 'pets', 'notes'));
    await writeFile(join(dir, 'pets', 'dog', 'b.png'), png(1, 8, 8));
    await writeFile(join(dir, 'pets', 'dog', 'a.PNG'), png(0, 8, 8));
    await writeFile(join(dir, 'pets', 'cat', 'c.jpg'), jpg(2, 8, 8));
    await writeFile(join(dir, 'pets', 'notes', 'readme.txt'), 'not an image');
    await mkdir(join(dir, 'faces'));
    for (let n = 0; n < 3; n++) await writeFile(join(dir, 'faces', `00000${n}.png`), png(n, 178, 218));
    await mkdir(join(dir, 'mixed', 'sub'), { recursive: true });
    await writeFile(join(dir, 'mixed', 'x.png'), png(0, 4, 4));
    await writeFile(join(dir, 'mixed', 'sub', 'y.png'), png(0, 4, 4));
    await mkdir(join(dir, 'empty'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('labels class subfolders in sorted order and decodes the files on demand', async () => {
    const pets = await imageFolder(join(dir, 'pets'));
    expect(pets.classNames).toEqual(['cat', 'dog']);
    expect(Array.from(pets.labels!)).toEqual([0, 1, 1]);
    expect(pets.exampleShape).toEqual([8, 8, 3]);
    const v = await pets.read(Int32Array.of(1, 2)); // dog/a.PNG (image 0), dog/b.png (image 1)
    for (const [j, n] of [[0, 0], [1, 1]] as const) {
      for (let c = 0; c < 3; c++) expect(v[j * 192 + (3 * 8 + 5) * 3 + c]).toBeCloseTo(pixel(n, 3, 5, c) / 127.5 - 1, 6);
    }
  });

  it('celebA: centre crop 108×108 of 178×218, area-resized to 64×64', async () => {
    const faces = await celebA(join(dir, 'faces'));
    expect([faces.name, faces.size, faces.labels]).toEqual(['celeba', 3, undefined]);
    expect(faces.exampleShape).toEqual([64, 64, 3]);
    // Output pixel (0, 0) averages input rows [55, 55 + 108/64) and columns [35, 35 + 108/64)
    // with area weights 1 and 0.6875 along each axis (108/64 = 1.6875).
    const w = [1, 0.6875];
    let expected = 0;
    for (const dy of [0, 1]) for (const dx of [0, 1]) expected += w[dy]! * w[dx]! * pixel(2, 55 + dy, 35 + dx, 1);
    expected /= 1.6875 ** 2;
    for await (const x of faces.batches({ batchSize: 3, rng: createRng(0), shuffle: false, epochs: 1 })) {
      expect(x.shape).toEqual([3, 64, 64, 3]);
      expect((await x.data())[2 * 64 * 64 * 3 + 1]).toBeCloseTo(expected / 127.5 - 1, 5);
      x.dispose();
    }
  });

  it('refuses a folder mixing both layouts, one without images, and a missing one', async () => {
    await expect(imageFolder(join(dir, 'mixed'))).rejects.toThrowError(/mixed: mixes images and class subfolders/);
    await expect(imageFolder(join(dir, 'empty'))).rejects.toThrowError(/empty: holds no .png, .jpg or .jpeg files/);
    await expect(imageFolder(join(dir, 'nowhere'))).rejects.toThrowError(/nowhere: cannot be listed: ENOENT/);
  });
});
