import { gzipSync } from 'node:zlib';
import { createRng, SaddleError, type Rng } from '@saddle/core';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { memorySource, type ByteSource } from './byte-source.js';
import { loadCifar10, loadCifar100 } from './cifar.js';
import type { ExampleSet } from './example-set.js';
import { gunzip } from './gunzip.js';
import { readIdx } from './idx.js';
import { loadMnist } from './mnist.js';
import { nodeImageDecoder } from './node/image-decoder.js';
import { loadNpy, readNpy } from './npy.js';
import { loadStl10 } from './stl10.js';
import { cifarFile, idxFile, npyFile, stlImages } from './test-support/formats.js';

// Every parser gets random bytes (some behind the right magic) and mutations of a valid file
// (flipped bytes, truncation, inserted garbage). Each must either load (and then read every
// example as finite numbers) or throw a SaddleError that names the file; nothing else.

const CASES = 120;

function randomBytes(rng: Rng, length: number): Uint8Array {
  return Uint8Array.from(rng.uniform(length), (u) => Math.floor(256 * u));
}

function mutate(rng: Rng, valid: Uint8Array): Uint8Array {
  const [op, a, b, ...flips] = rng.uniform(12);
  const at = Math.floor(a! * valid.length);
  if (op! < 0.4) {
    const out = valid.slice();
    for (const u of flips) out[Math.floor(u * out.length)] = Math.floor(256 * ((u * 7919) % 1));
    out[at] = Math.floor(256 * b!);
    return out;
  }
  if (op! < 0.7) return valid.slice(0, at);
  const garbage = randomBytes(rng.fold('garbage'), 1 + Math.floor(b! * 64));
  return Uint8Array.from([...valid.subarray(0, at), ...garbage, ...valid.subarray(at)]);
}

async function expectSafe(name: string, bytes: Uint8Array, load: (source: ByteSource) => Promise<unknown>): Promise<void> {
  try {
    const result = await load(memorySource(bytes, name));
    if (result !== null && typeof result === 'object' && 'read' in result) {
      const set = result as ExampleSet;
      const x = await set.read(Int32Array.from({ length: set.size }, (_, i) => i));
      expect(x.every(Number.isFinite), `${name}: non-finite example values`).toBe(true);
    }
  } catch (error) {
    expect(error, `${name} (${bytes.length} bytes) threw a non-SaddleError: ${String(error)}`).toBeInstanceOf(SaddleError);
    expect((error as SaddleError).message).toContain(name);
  }
}

const rgba = Buffer.from(randomBytes(createRng(1), 16 * 16 * 4));
const png = new pngjs.PNG({ width: 16, height: 16 });
png.data = rgba;

const TARGETS: readonly {
  readonly name: string;
  readonly valid: Uint8Array;
  readonly magic: readonly number[];
  readonly load: (source: ByteSource) => Promise<unknown>;
}[] = [
  { name: 'idx', valid: idxFile(0x0b, [3, 2], [1, -2, 3, 4, 5, 6]), magic: [0, 0, 0x0b, 2], load: (s) => readIdx(s) },
  { name: 'idx.gz', valid: gzipSync(idxFile(0x08, [2, 3, 3], new Array(18).fill(9))), magic: [0x1f, 0x8b, 8, 0], load: (s) => loadMnist({ images: s }) },
  { name: 'mnist-labels', valid: idxFile(0x08, [2], [1, 2]), magic: [0, 0, 8, 1], load: (s) => loadMnist({ images: memorySource(idxFile(0x08, [2, 1, 1], [0, 1])), labels: s }) },
  { name: 'cifar-10', valid: cifarFile([[1], [9]]), magic: [], load: (s) => loadCifar10([s]) },
  { name: 'cifar-100', valid: cifarFile([[3, 77]]), magic: [], load: (s) => loadCifar100([s]) },
  { name: 'stl-10', valid: stlImages(1), magic: [], load: (s) => loadStl10({ images: s, size: 8 }) },
  { name: 'stl-10-labels', valid: Uint8Array.of(3), magic: [], load: (s) => loadStl10({ images: memorySource(stlImages(1)), labels: s }) },
  { name: 'npy', valid: npyFile('<f4', [2, 3], [1, 2, 3, 4, 5, 6]), magic: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], load: (s) => loadNpy(s, { range: [0, 6] }) },
  { name: 'npy-v2', valid: npyFile('>i2', [4], [1, 2, 3, 4], { version: 2 }), magic: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0], load: (s) => readNpy(s) },
  { name: 'gzip', valid: gzipSync(new Uint8Array(500).fill(3)), magic: [0x1f, 0x8b], load: async (s) => gunzip(await s.read(0, s.size), { name: s.name, maxBytes: 1 << 16 }) },
  { name: 'png', valid: pngjs.PNG.sync.write(png), magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], load: async (s) => nodeImageDecoder(await s.read(0, s.size), s.name) },
  { name: 'jpeg', valid: jpeg.encode({ width: 16, height: 16, data: rgba }, 80).data, magic: [0xff, 0xd8, 0xff], load: async (s) => nodeImageDecoder(await s.read(0, s.size), s.name) },
];

describe('fuzzed files', () => {
  for (const target of TARGETS) {
    it(`${target.name}: random and mutated bytes load or raise a SaddleError naming the file`, async () => {
      await expectSafe(`${target.name}-valid`, target.valid, target.load);
      const rng = createRng(2024).fold(target.name);
      for (let i = 0; i < CASES; i++) {
        const caseRng = rng.fold(i);
        const [kind, length] = caseRng.uniform(2);
        let bytes: Uint8Array;
        if (kind! < 0.5) bytes = mutate(caseRng.fold('mutate'), target.valid);
        else {
          bytes = randomBytes(caseRng.fold('bytes'), Math.floor(length! * 2048));
          if (kind! < 0.75) bytes.set(target.magic.slice(0, bytes.length));
        }
        await expectSafe(`${target.name}-case-${i}`, bytes, target.load);
      }
    });
  }
});
