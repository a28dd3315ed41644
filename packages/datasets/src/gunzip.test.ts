import { gzipSync } from 'node:zlib';
import { SaddleError } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { gunzip, isGzip } from './gunzip.js';

describe('gunzip', () => {
  it('inflates gzip data and recognises the magic', async () => {
    const raw = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 251);
    const packed = gzipSync(raw);
    expect(isGzip(packed)).toBe(true);
    expect(isGzip(raw)).toBe(false);
    expect(isGzip(Uint8Array.of(0x1f))).toBe(false);
    expect(Array.from(await gunzip(packed, { name: 'a.gz' }))).toEqual(Array.from(raw));
  });

  it('stops a decompression bomb at maxBytes and names the file', async () => {
    const bomb = gzipSync(new Uint8Array(4 << 20)); // 4 MiB of zeros in about 4 KiB
    expect(bomb.length).toBeLessThan(10_000);
    const error = await gunzip(bomb, { name: 'bomb.gz', maxBytes: 1 << 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaddleError);
    expect((error as SaddleError).code).toBe('CORRUPT_FILE');
    expect((error as SaddleError).message).toMatch(/bomb.gz: decompresses to more than 1048576 bytes/);
  });

  it('refuses corrupt and truncated gzip data', async () => {
    const packed = gzipSync(new TextEncoder().encode('hello '.repeat(1000)));
    await expect(gunzip(packed.subarray(0, packed.length - 12), { name: 'cut.gz' })).rejects.toThrowError(/cut.gz: is not valid gzip data/);
    const flipped = packed.slice();
    flipped[12] = (flipped[12]! ^ 0xff) & 0xff;
    await expect(gunzip(flipped, { name: 'flip.gz' })).rejects.toThrowError(/flip.gz: is not valid gzip data/);
  });
});
