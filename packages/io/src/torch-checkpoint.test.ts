import { createHash } from 'node:crypto';
import { createRng, SaddleError } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { readTorchCheckpoint } from './torch-checkpoint.js';
import type { NamedArray } from './named-array.js';
import { unpickle } from './internal/pickle.js';
import { storageFromId, torchGlobals } from './internal/torch-tensors.js';
import { fixture, fixtureJson } from './test-support/fixtures.js';

type Expected = { dtype: string; shape: number[]; data: (number | string)[] };
const small = fixtureJson<{ tensors: Record<string, Expected> }>('torch/small.json').tensors;
const manifest = fixtureJson<Record<string, { pth_sha256: string; trainable_parameters: number }>>('rsgan/manifest.json');

/** Expects a SaddleError with code CORRUPT_FILE whose message names the file and matches `problem`. */
function expectCorrupt(read: () => unknown, file: string, problem?: RegExp): void {
  let error: unknown;
  try {
    read();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SaddleError);
  expect((error as SaddleError).code).toBe('CORRUPT_FILE');
  expect((error as SaddleError).message).toContain(file);
  if (problem !== undefined) expect((error as SaddleError).message).toMatch(problem);
}

describe('readTorchCheckpoint on files written by PyTorch 1.13 (tooling/reference/torch-checkpoints.py)', () => {
  for (const format of ['zip', 'legacy']) {
    it(`reads every dtype, offset view, transposed view and nested dict of the ${format} format`, () => {
      const read = readTorchCheckpoint(fixture(`torch/small.${format}.pth`), { file: `small.${format}.pth` });
      expect(Object.keys(read)).toEqual(Object.keys(small));
      for (const [name, want] of Object.entries(small)) {
        const got = read[name] as NamedArray;
        expect({ name, dtype: got.dtype, shape: got.shape }).toEqual({ name, dtype: want.dtype, shape: want.shape });
        // Values are stored exactly (float32/float16 round trip through float64 in the JSON), so equality is exact.
        const values = want.dtype === 'int64' ? want.data.map((v) => BigInt(v)) : want.data;
        expect(Array.from(got.data as ArrayLike<number | bigint>)).toEqual(values);
      }
      expect(read['f16']!.data).toBeInstanceOf(Float32Array);
      expect(read['bn.num_batches_tracked']!.data).toBeInstanceOf(BigInt64Array);
    });
  }
});

describe('readTorchCheckpoint on the RS-GAN generators (legacy format, src/__fixtures__/rsgan)', () => {
  const isStatistic = (name: string) => /\.(running_mean|running_var|num_batches_tracked)$/.test(name);
  const expected = {
    'RSGAN-CNN-quater-cifar': { first: ['l1.weight', [2048, 128]], last: ['conv4.bias', [3]], tensors: 25 },
    'RSGAN-ResNet-quater-cifar': { first: ['l1.weight', [1024, 128]], last: ['conv5.bias', [3]], tensors: 57 },
  } as const;
  for (const [name, want] of Object.entries(expected)) {
    it(`reads ${name}.pth: keys, shapes, and the manifest's trainable parameter count`, () => {
      const bytes = fixture(`rsgan/${name}.pth`);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(manifest[name]!.pth_sha256);
      const params = readTorchCheckpoint(bytes, { file: `${name}.pth` });
      const names = Object.keys(params);
      expect(names).toHaveLength(want.tensors);
      expect([names[0], params[names[0]!]!.shape]).toEqual(want.first);
      expect([names.at(-1), params[names.at(-1)!]!.shape]).toEqual(want.last);
      // Trainable parameters = values of every float tensor except BatchNorm running statistics
      // (running_mean, running_var) and the int64 num_batches_tracked counters: what
      // sum(p.numel() for p in G.parameters()) counts in PyTorch.
      const trainable = names.filter((n) => !isStatistic(n)).reduce((sum, n) => sum + params[n]!.data.length, 0);
      expect(trainable).toBe(manifest[name]!.trainable_parameters);
      for (const n of names) {
        const { dtype, data } = params[n]!;
        if (n.endsWith('num_batches_tracked')) {
          expect(dtype).toBe('int64');
          expect(Number((data as BigInt64Array)[0])).toBeGreaterThan(100_000); // ~2e5 / 6e5 training steps
        } else {
          expect(dtype).toBe('float32');
          // Trained weights are finite and moderate; running variances are positive.
          expect((data as Float32Array).every((v) => Number.isFinite(v) && Math.abs(v) < 1000)).toBe(true);
          if (n.endsWith('running_var')) expect(Math.min(...(data as Float32Array))).toBeGreaterThan(0);
        }
      }
    });
  }
});

describe('readTorchCheckpoint refuses hostile and broken files with a SaddleError', () => {
  it('refuses a pickle that calls os.system (posix.system) before building anything', () => {
    expectCorrupt(() => readTorchCheckpoint(fixture('torch/hostile.pkl'), { file: 'hostile.pkl' }), 'hostile.pkl', /refuses the pickle global posix\.system/);
    expectCorrupt(() => readTorchCheckpoint(fixture('torch/hostile.legacy.pth'), { file: 'hostile.legacy.pth' }), 'hostile.legacy.pth', /posix\.system/);
  });

  it('refuses a zip checkpoint whose data.pkl calls builtins eval', () => {
    expectCorrupt(() => readTorchCheckpoint(fixture('torch/hostile.zip.pth'), { file: 'hostile.zip.pth' }), 'hostile.zip.pth', /refuses the pickle global __builtin__\.eval/);
  });

  it('refuses STACK_GLOBAL of a disallowed name (protocol 4 pickles)', () => {
    // PROTO 4, SHORT_BINUNICODE "builtins", SHORT_BINUNICODE "exec", STACK_GLOBAL, STOP
    const enc = (s: string) => [0x8c, s.length, ...new TextEncoder().encode(s)];
    const bytes = new Uint8Array([0x80, 4, ...enc('builtins'), ...enc('exec'), 0x93, 0x2e]);
    expectCorrupt(() => readTorchCheckpoint(bytes, { file: 'exec.pkl' }), 'exec.pkl', /builtins\.exec/);
  });

  it('refuses torch.storage._load_from_bytes, which would unpickle nested bytes', () => {
    const line = (s: string) => [...new TextEncoder().encode(s), 0x0a];
    const bytes = new Uint8Array([0x80, 2, 0x63, ...line('torch.storage'), ...line('_load_from_bytes'), 0x2e]);
    expectCorrupt(() => readTorchCheckpoint(bytes, { file: 'nested.pth' }), 'nested.pth', /torch\.storage\._load_from_bytes/);
  });

  it('refuses wrong magic: empty, text, a zip without data.pkl', () => {
    expectCorrupt(() => readTorchCheckpoint(new Uint8Array(0), { file: 'empty.pth' }), 'empty.pth', /wrong magic/);
    expectCorrupt(() => readTorchCheckpoint(new TextEncoder().encode('hello, world'), { file: 'a.txt' }), 'a.txt', /wrong magic/);
    // A pickle of the int 7 in place of the magic number.
    expectCorrupt(() => readTorchCheckpoint(new Uint8Array([0x80, 2, 0x4b, 7, 0x2e]), { file: 'seven.pkl' }), 'seven.pkl', /wrong magic number/);
  });

  it('refuses every truncation of both formats', () => {
    for (const format of ['zip', 'legacy']) {
      const bytes = fixture(`torch/small.${format}.pth`);
      for (let length = 0; length < bytes.length; length += format === 'zip' ? 7 : 3) {
        expectCorrupt(() => readTorchCheckpoint(bytes.subarray(0, length), { file: `cut-${length}.pth` }), `cut-${length}.pth`);
      }
    }
  });

  it('refuses a huge declared storage length before allocating', () => {
    const bytes = fixture('torch/small.legacy.pth').slice();
    // The first storage's int64 element count follows the five pickles (magic, protocol, system
    // info, state_dict, storage keys).
    let end = 0;
    for (let i = 0; i < 5; i++) end = unpickle(bytes, end, { file: 'x', globals: torchGlobals('x'), persistentLoad: (id) => storageFromId(id, 'x') }).end;
    new DataView(bytes.buffer).setBigInt64(end, 1n << 60n, true);
    expectCorrupt(() => readTorchCheckpoint(bytes, { file: 'huge.pth' }), 'huge.pth', /declares \d+ values, past the end/);
  });

  it('never throws anything but a SaddleError on seeded random corruptions (fuzz)', () => {
    const rng = createRng(5);
    const sources = [fixture('torch/small.zip.pth'), fixture('torch/small.legacy.pth')];
    const [flips, picks] = [rng.fold('flips').uniform(400 * 8), rng.fold('picks').uniform(400)];
    let refused = 0;
    for (let trial = 0; trial < 400; trial++) {
      const source = sources[trial % 2]!;
      const bytes = trial % 10 === 9 ? Uint8Array.from(flips.subarray(trial * 8, trial * 8 + 8), (u) => u * 256) : source.slice();
      for (let k = 0; k < 1 + Math.floor(picks[trial]! * 4); k++) {
        bytes[Math.floor(flips[trial * 8 + 2 * k]! * bytes.length)] = Math.floor(flips[trial * 8 + 2 * k + 1]! * 256);
      }
      try {
        readTorchCheckpoint(bytes, { file: `fuzz-${trial}` });
      } catch (e) {
        expect(e).toBeInstanceOf(SaddleError);
        expect((e as SaddleError).message).toContain(`fuzz-${trial}`);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(50); // most corruptions are caught; the rest change values only
  });
});
