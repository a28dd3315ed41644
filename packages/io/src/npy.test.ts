import { createRng, SaddleError } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { readNpy, writeNpy } from './npy.js';
import type { NamedArray } from './named-array.js';
import { fixture, fixtureJson } from './test-support/fixtures.js';

const expected = fixtureJson<{ arrays: Record<string, { shape: number[]; data: (number | string)[] }> }>('torch/npy.json').arrays;
const DTYPE: Record<string, string> = { f4: 'float32', f8: 'float64', f2: 'float16', i8: 'int64', i4: 'int32', i2: 'int16', i1: 'int8', u1: 'uint8', b1: 'bool', 'be-f4': 'float32', 'be-i4': 'int32', scalar: 'float32' };

function refusal(read: () => unknown): SaddleError {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(SaddleError);
    return e as SaddleError;
  }
  throw new Error('expected a SaddleError');
}

describe('readNpy on files written by NumPy 1.24 (tooling/reference/torch-checkpoints.py)', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(`reads ${name}.npy`, () => {
      const got = readNpy(fixture(`torch/npy/${name}.npy`), { file: `${name}.npy` });
      expect(got.dtype).toBe(DTYPE[name]);
      expect(got.shape).toEqual(want.shape);
      expect(Array.from(got.data as ArrayLike<number | bigint>)).toEqual(got.dtype === 'int64' ? want.data.map((v) => BigInt(v)) : want.data);
    });
  }

  it('reads format versions 2.0 and 3.0 like 1.0', () => {
    const v1 = readNpy(fixture('torch/npy/f4.npy'));
    for (const v of [2, 3]) expect(readNpy(fixture(`torch/npy/f4-v${v}.npy`))).toEqual(v1);
  });

  it('reads the RS-GAN latents: float32 [16, 128], standard normal', () => {
    const { dtype, shape, data } = readNpy(fixture('rsgan/latents-16x128.npy'));
    expect([dtype, shape]).toEqual(['float32', [16, 128]]);
    const mean = (data as Float32Array).reduce((a, b) => a + b, 0) / data.length;
    expect(Math.abs(mean)).toBeLessThan(0.1); // 2048 N(0,1) draws: |mean| < 0.1 is 4.5 standard errors
  });
});

describe('writeNpy', () => {
  const cases: NamedArray[] = [
    { dtype: 'float32', shape: [2, 3], data: new Float32Array([1, -2, 3.5, 0, 1e-20, -0]) },
    { dtype: 'float64', shape: [1], data: new Float64Array([Math.PI]) },
    { dtype: 'int64', shape: [2], data: new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]) },
    { dtype: 'int32', shape: [], data: new Int32Array([-7]) },
    { dtype: 'uint8', shape: [0, 4], data: new Uint8Array(0) },
    { dtype: 'bool', shape: [3], data: new Uint8Array([1, 0, 1]) },
    { dtype: 'float16', shape: [2], data: new Float32Array([0.5, 65504]) },
  ];
  for (const array of cases) {
    it(`round-trips ${array.dtype} [${array.shape.join(', ')}]`, () => {
      const bytes = writeNpy(array);
      expect(readNpy(bytes)).toEqual(array);
    });
  }

  it('writes the header NumPy writes: version 1.0, padded to 64 bytes, newline-terminated', () => {
    const bytes = writeNpy({ dtype: 'float32', shape: [16, 128], data: new Float32Array(2048) });
    const header = new TextDecoder('latin1').decode(bytes.subarray(10, 128));
    // numpy.save(np.zeros((16, 128), np.float32)) writes exactly this 128-byte preamble.
    expect(header).toBe(`{'descr': '<f4', 'fortran_order': False, 'shape': (16, 128), }`.padEnd(117, ' ') + '\n');
    expect(Array.from(bytes.subarray(0, 10))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 118, 0]);
    expect(bytes.subarray(0, 128)).toEqual(fixture('rsgan/latents-16x128.npy').subarray(0, 128)); // written by numpy.save
    expect(bytes.length).toBe(128 + 2048 * 4);
  });

  it('refuses a data array that disagrees with its shape', () => {
    expect(refusal(() => writeNpy({ dtype: 'float32', shape: [3], data: new Float32Array(2) })).code).toBe('INVALID_ARGUMENT');
    expect(refusal(() => writeNpy({ dtype: 'int32', shape: [2], data: new Float32Array(2) })).message).toMatch(/not a Int32Array/);
  });
});

describe('readNpy refuses broken files with a CORRUPT_FILE SaddleError naming the file', () => {
  const good = writeNpy({ dtype: 'float32', shape: [4, 4], data: new Float32Array(16) });
  const header = (text: string) => {
    const bytes = writeNpy({ dtype: 'uint8', shape: [1], data: new Uint8Array(1) });
    bytes.set(new TextEncoder().encode(text.padEnd(117, ' ')), 10);
    return bytes;
  };
  const cases: [string, Uint8Array, RegExp][] = [
    ['wrong magic', new TextEncoder().encode('NOT A NUMPY FILE'), /wrong magic/],
    ['truncated preamble', good.subarray(0, 6), /truncated/],
    ['truncated data', good.subarray(0, good.length - 1), /truncated: a float32 array of shape \(4, 4\)/],
    ['version 9', Uint8Array.from(good, (b, i) => (i === 6 ? 9 : b)), /unsupported .npy format version 9/],
    ['huge header length', Uint8Array.from(good, (b, i) => (i === 8 || i === 9 ? 0xff : b)), /header length 65535 is past the end/],
    ['complex dtype', header(`{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }`), /unsupported dtype <c8/],
    ['Fortran order', header(`{'descr': '|u1', 'fortran_order': True, 'shape': (1,), }`), /Fortran/],
    ['structured dtype', header(`{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (1,), }`), /not a dict with descr/],
    ['huge shape', header(`{'descr': '|u1', 'fortran_order': False, 'shape': (1000000000000,), }`), /truncated/],
  ];
  for (const [what, bytes, problem] of cases) {
    it(`refuses ${what}`, () => {
      const error = refusal(() => readNpy(bytes, { file: 'x.npy' }));
      expect([error.code, error.field]).toEqual(['CORRUPT_FILE', 'x.npy']);
      expect(error.message).toMatch(problem);
    });
  }

  it('never throws anything but a SaddleError on seeded random bytes (fuzz)', () => {
    const u = createRng(11).uniform(300 * 64);
    for (let trial = 0; trial < 300; trial++) {
      const bytes = good.slice(0, 64 + (trial % 64));
      for (let k = 0; k < 4; k++) bytes[Math.floor(u[trial * 64 + 2 * k]! * bytes.length)] = Math.floor(u[trial * 64 + 2 * k + 1]! * 256);
      try {
        readNpy(bytes, { file: 'fuzz.npy' });
      } catch (e) {
        expect(e).toBeInstanceOf(SaddleError);
      }
    }
  });
});

describe('readers on Node Buffers', () => {
  it('read only their own bytes from a Buffer that is a view into a shared pool', () => {
    const array: NamedArray = { dtype: 'float32', shape: [3], data: Float32Array.of(1.5, -2, 3.25) };
    // Small Buffer.from copies land at an offset inside Node's shared 8 KiB pool.
    const pooled = Buffer.from(writeNpy(array));
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    expect(Array.from(readNpy(pooled).data as Float32Array)).toEqual([1.5, -2, 3.25]);
  });
});
