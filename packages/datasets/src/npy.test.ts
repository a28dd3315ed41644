import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { describe, expect, it } from 'vitest';
import { memorySource } from './byte-source.js';
import { loadNpy, readNpy } from './npy.js';
import { npyFile } from './test-support/formats.js';

describe('readNpy', () => {
  it('reads every supported dtype in either byte order, format versions 1 and 2', async () => {
    const cases = [
      ['|u1', 'uint8', [0, 200, 255]],
      ['|b1', 'bool', [1, 0, 1]],
      ['|i1', 'int8', [-128, 5, 127]],
      ['<u2', 'uint16', [65535, 2, 3]],
      ['>i2', 'int16', [-300, 2, 3]],
      ['<i4', 'int32', [-70000, 2, 3]],
      ['>u4', 'uint32', [4000000000, 2, 3]],
      ['>f4', 'float32', [0.5, -2.25, 1e30]],
      ['<f8', 'float64', [Math.E, -1e-300, 0]],
    ] as const;
    for (const [descr, type, values] of cases) {
      for (const version of [1, 2] as const) {
        const array = await readNpy(memorySource(npyFile(descr, [3], values, { version }), 'a.npy'));
        expect(array.type).toBe(type);
        expect(array.shape).toEqual([3]);
        expect(Array.from(array.data)).toEqual(type === 'float32' ? Array.from(Float32Array.from(values)) : Array.from(values));
      }
    }
    expect((await readNpy(memorySource(npyFile('<f4', [2, 1, 3], new Array(6).fill(1)), 'b.npy'))).shape).toEqual([2, 1, 3]);
  });

  it('names the file for a wrong magic, an unsupported dtype or order, and a size mismatch', async () => {
    const bad = (bytes: Uint8Array) => readNpy(memorySource(bytes, 'x.npy'));
    await expect(bad(new TextEncoder().encode('PK\x03\x04 a zip, maybe an .npz'))).rejects.toThrowError(/x.npy: wrong magic: not a .npy file/);
    await expect(bad(Uint8Array.of(0x93, 0x4e, 0x55))).rejects.toThrowError(/x.npy: truncated: 3 bytes is shorter than the .npy preamble/);
    await expect(bad(npyFile('<i8', [1], [1]))).rejects.toThrowError(/x.npy: unsupported dtype <i8.*astype/);
    await expect(bad(npyFile('<f4', [2, 2], [1, 2, 3, 4], { fortran: true }))).rejects.toThrowError(/x.npy: is stored in Fortran \(column-major\) order.*ascontiguousarray/);
    await expect(bad(npyFile('<f4', [4], [1, 2, 3, 4]).subarray(0, 136))).rejects.toThrowError(/x.npy: truncated: a float32 array of shape \(4\) needs 144 bytes, the file has 136/);
    await expect(bad(npyFile('<f4', [4], [1, 2, 3, 4]).subarray(0, 70))).rejects.toThrowError(/x.npy: header length 118 is past the end of the file/);
    const version9 = npyFile('<f4', [1], [1]);
    version9[6] = 9;
    await expect(bad(version9)).rejects.toThrowError(/x.npy: unsupported .npy format version 9.0/);
  });

  it('refuses hostile headers: a 4 GiB header length, a huge shape', async () => {
    const long = npyFile('<f4', [1], [1], { version: 2 });
    new DataView(long.buffer).setUint32(8, 0xffffffff, true);
    await expect(readNpy(memorySource(long, 'long.npy'))).rejects.toThrowError(/long.npy: header length 4294967295 is over the 65536-byte limit/);
    const huge = npyFile('<f8', [999999999999999, 999999999999999], []);
    await expect(readNpy(memorySource(huge, 'huge.npy'))).rejects.toThrowError(/huge.npy: truncated: a float64 array of shape \(999999999999999, 999999999999999\) needs/);
  });
});

describeWithBackends('loadNpy', ALL_BACKENDS, () => {
  it('keeps NHWC, transposes NCHW, adds a channel to [N, H, W], maps by range', async () => {
    // 1 image of 2×2 with 3 channels, value = 100·c + 10·row + col.
    const value = (row: number, col: number, c: number) => 100 * c + 10 * row + col;
    const nhwc = [0, 1].flatMap((r) => [0, 1].flatMap((q) => [0, 1, 2].map((c) => value(r, q, c))));
    const nchw = [0, 1, 2].flatMap((c) => [0, 1].flatMap((r) => [0, 1].map((q) => value(r, q, c))));
    const a = await loadNpy(memorySource(npyFile('<f4', [1, 2, 2, 3], nhwc), 'nhwc.npy'), { range: [0, 255] });
    const b = await loadNpy(memorySource(npyFile('<f4', [1, 3, 2, 2], nchw), 'nchw.npy'), { range: [0, 255], layout: 'NCHW' });
    expect(a.exampleShape).toEqual([2, 2, 3]);
    expect(b.exampleShape).toEqual([2, 2, 3]);
    const expected = nhwc.map((v) => Math.fround(v * (2 / 255) - 1));
    expect(Array.from(await a.read(Int32Array.of(0)))).toEqual(expected);
    expect(Array.from(await b.read(Int32Array.of(0)))).toEqual(expected);
    const gray = await loadNpy(memorySource(npyFile('|u1', [2, 2, 2], [0, 255, 0, 255, 255, 0, 255, 0]), 'gray.npy'));
    expect(gray.exampleShape).toEqual([2, 2, 1]);
    for await (const x of gray.batches({ batchSize: 2, rng: createRng(0), shuffle: false, epochs: 1 })) {
      expect(x.shape).toEqual([2, 2, 2, 1]);
      expect(Array.from(await x.data())).toEqual([-1, 1, -1, 1, 1, -1, 1, -1]);
      x.dispose();
    }
  });

  it('loads integer labels and points kept as they are with range [−1, 1]', async () => {
    const points = await loadNpy(memorySource(npyFile('<f8', [3, 2], [0.5, 2, -3, 4, 5, 6]), 'pts.npy'), {
      range: [-1, 1], labels: memorySource(npyFile('<i4', [3], [2, 0, 1]), 'labels.npy'), classNames: ['a', 'b', 'c'],
    });
    expect(points.exampleShape).toEqual([2]);
    expect(Array.from(await points.read(Int32Array.of(1)))).toEqual([-3, 4]);
    expect(Array.from(points.labels!)).toEqual([2, 0, 1]);
  });

  it('asks for a range for non-uint8 data and refuses bad labels, naming the file', async () => {
    const floats = memorySource(npyFile('<f4', [2, 2], [1, 2, 3, 4]), 'f.npy');
    await expect(loadNpy(floats)).rejects.toThrowError(/range: must be the \[lo, hi\] that the float32 values of f.npy span/);
    await expect(loadNpy(floats, { range: [0, 1], labels: memorySource(npyFile('<f4', [2], [0, 1]), 'fl.npy') })).rejects.toThrowError(/fl.npy: is not 2 integer labels: float32/);
    await expect(loadNpy(floats, { range: [0, 1], labels: memorySource(npyFile('<i4', [3], [0, 1, 1]), 'l3.npy') })).rejects.toThrowError(/l3.npy: is not 2 integer labels/);
    await expect(loadNpy(floats, { range: [0, 1], labels: memorySource(npyFile('<i4', [2], [0, -1]), 'neg.npy') })).rejects.toThrowError(/neg.npy: label -1 of example 1 is not a class index/);
    await expect(loadNpy(memorySource(npyFile('<f4', [0, 2], []), 'none.npy'), { range: [0, 1] })).rejects.toThrowError(/none.npy: holds no examples/);
    await expect(loadNpy(floats, { range: [0, 1], layout: 'NCHW' })).rejects.toThrowError(/layout: must be "NHWC" for an array of 2 dimensions/);
  });
});
