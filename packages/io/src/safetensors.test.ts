import { createRng, SaddleError } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import type { NamedArray } from './named-array.js';
import { readSafetensors, writeSafetensors } from './safetensors.js';
import { readTorchCheckpoint } from './torch-checkpoint.js';
import { fixture } from './test-support/fixtures.js';

function refusal(read: () => unknown): SaddleError {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(SaddleError);
    return e as SaddleError;
  }
  throw new Error('expected a SaddleError');
}

/** A file from a header object and a data buffer. */
function build(header: unknown, data = new Uint8Array(0)): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

describe('writeSafetensors and readSafetensors', () => {
  it('round-trips every dtype, scalars, empty tensors and metadata', () => {
    const tensors: Record<string, NamedArray> = {
      'generator/dense/kernel': { dtype: 'float32', shape: [2, 3], data: new Float32Array([1, -2, 3.25, 0, -0, 1e-30]) },
      'f64': { dtype: 'float64', shape: [2], data: new Float64Array([Math.E, -1e300]) },
      'f16': { dtype: 'float16', shape: [3], data: new Float32Array([0.099975586, 65504, -(2 ** -24)]) },
      'step': { dtype: 'int64', shape: [], data: new BigInt64Array([123456789012345n]) },
      'i32': { dtype: 'int32', shape: [1, 1], data: new Int32Array([-5]) },
      'i16': { dtype: 'int16', shape: [1], data: new Int16Array([-300]) },
      'i8': { dtype: 'int8', shape: [1], data: new Int8Array([-100]) },
      'u8': { dtype: 'uint8', shape: [0], data: new Uint8Array(0) },
      'mask': { dtype: 'bool', shape: [2], data: new Uint8Array([1, 0]) },
    };
    const metadata = { format: 'saddle', step: '3000' };
    const bytes = writeSafetensors(tensors, metadata);
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0); // the data buffer starts 8-byte aligned
    const read = readSafetensors(bytes, { file: 'x.safetensors' });
    expect(read.metadata).toEqual(metadata);
    expect(read.tensors).toEqual(tensors);
  });

  it('orders tensors by element size, then name, as the reference writer does', () => {
    const bytes = writeSafetensors({
      b: { dtype: 'uint8', shape: [1], data: new Uint8Array(1) },
      a: { dtype: 'float32', shape: [1], data: new Float32Array(1) },
      c: { dtype: 'float64', shape: [1], data: new Float64Array(1) },
    });
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true)))));
    expect([header.c.data_offsets, header.a.data_offsets, header.b.data_offsets]).toEqual([[0, 8], [8, 12], [12, 13]]);
  });

  it('reads the file written by tooling/reference/torch-checkpoints.py with the values torch.save stored', () => {
    const { tensors, metadata } = readSafetensors(fixture('torch/reference.safetensors'), { file: 'reference.safetensors' });
    expect(metadata).toEqual({ format: 'pt', source: 'torch-checkpoints.py' });
    const fromTorch = readTorchCheckpoint(fixture('torch/small.zip.pth'));
    for (const [name, array] of Object.entries(tensors)) expect(array).toEqual(fromTorch[name]);
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(fromTorch).filter((n) => ['float32', 'int64', 'uint8'].includes(fromTorch[n]!.dtype)).sort());
  });

  it('refuses bad arrays and reserved names when writing', () => {
    expect(refusal(() => writeSafetensors({ x: { dtype: 'float32', shape: [2, 2], data: new Float32Array(3) } })).field).toBe('tensors.x');
    expect(refusal(() => writeSafetensors({ __metadata__: { dtype: 'uint8', shape: [], data: new Uint8Array(1) } })).code).toBe('INVALID_ARGUMENT');
    expect(refusal(() => writeSafetensors({}, { step: 3 as unknown as string })).field).toBe('metadata.step');
  });
});

describe('readSafetensors refuses broken files with a CORRUPT_FILE SaddleError naming the file', () => {
  const entry = (dtype: string, shape: number[], offsets: number[]) => ({ dtype, shape, data_offsets: offsets });
  const huge = new Uint8Array(16);
  new DataView(huge.buffer).setBigUint64(0, 2n ** 62n, true);
  const cases: [string, Uint8Array, RegExp][] = [
    ['a file shorter than the length prefix', new Uint8Array(5), /truncated/],
    ['a huge declared header length, before allocating', huge, /header length 4611686018427387904 is over the 100 MB limit/],
    ['a header past the end', build({}).subarray(0, 9), /past the end/],
    ['a header that is not JSON', build({}).map((b, i) => (i === 8 ? 0x5b : b)), /not UTF-8 JSON/],
    ['a header that is a list', build([]), /not a JSON object/],
    ['an unsupported dtype', build({ x: entry('BF16', [1], [0, 2]) }, new Uint8Array(2)), /unsupported dtype BF16/],
    ['offsets past the data', build({ x: entry('F32', [1], [0, 4]) }, new Uint8Array(2)), /data_offsets outside/],
    ['a huge declared shape', build({ x: entry('F32', [1e9, 1e9], [0, 4]) }, new Uint8Array(4)), /spans 4 bytes but F32 \[1000000000, 1000000000\]/],
    ['a hole in the data', build({ x: entry('U8', [1], [1, 2]) }, new Uint8Array(2)), /hole or an overlap/],
    ['overlapping tensors', build({ x: entry('U8', [2], [0, 2]), y: entry('U8', [1], [1, 2]) }, new Uint8Array(2)), /hole or an overlap/],
    ['trailing bytes', build({ x: entry('U8', [1], [0, 1]) }, new Uint8Array(2)), /cover 1 of the 2/],
    ['bad metadata', build({ __metadata__: { step: 3 } }), /__metadata__ is not a map of strings/],
  ];
  for (const [what, bytes, problem] of cases) {
    it(`refuses ${what}`, () => {
      const error = refusal(() => readSafetensors(bytes, { file: 'x.safetensors' }));
      expect([error.code, error.field]).toEqual(['CORRUPT_FILE', 'x.safetensors']);
      expect(error.message).toMatch(problem);
    });
  }

  it('never throws anything but a SaddleError on seeded corruptions and truncations (fuzz)', () => {
    const good = writeSafetensors({ w: { dtype: 'float32', shape: [4, 4], data: new Float32Array(16) }, s: { dtype: 'int64', shape: [], data: new BigInt64Array(1) } });
    const u = createRng(3).uniform(500 * 8);
    for (let trial = 0; trial < 500; trial++) {
      const bytes = good.slice(0, trial % 3 === 0 ? Math.floor(u[trial * 8 + 7]! * good.length) : good.length);
      for (let k = 0; k < 3; k++) bytes[Math.floor(u[trial * 8 + 2 * k]! * bytes.length)] = Math.floor(u[trial * 8 + 2 * k + 1]! * 256);
      try {
        readSafetensors(bytes, { file: 'fuzz.safetensors' });
      } catch (e) {
        expect(e).toBeInstanceOf(SaddleError);
      }
    }
  });
});
