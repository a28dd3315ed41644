import { inflateSync } from 'node:zlib';
import { SaddleError } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { decodePng } from './node/decode-png.js';
import { encodePng } from './png.js';

describe('encodePng', () => {
  it('encodes RGB and RGBA images that an independent decoder (pngjs) reads back exactly', () => {
    for (const channels of [3, 4] as const) {
      const [width, height] = [300, 257]; // rows longer than one stored deflate block in total
      const data = Uint8Array.from({ length: width * height * channels }, (_, i) => (i * 7919) % 256);
      const decoded = decodePng(encodePng({ width, height, channels, data }));
      expect([decoded.width, decoded.height]).toEqual([width, height]);
      const rgba = channels === 4 ? data : Uint8Array.from({ length: width * height * 4 }, (_, i) => (i % 4 === 3 ? 255 : data[Math.floor(i / 4) * 3 + (i % 4)]!));
      expect(decoded.data).toEqual(rgba);
    }
  });

  it('writes the signature, IHDR and a zlib stream that node:zlib inflates to filter-0 rows', () => {
    const png = encodePng({ width: 2, height: 1, channels: 3, data: new Uint8Array([1, 2, 3, 4, 5, 6]) });
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(new TextDecoder().decode(png.subarray(12, 16))).toBe('IHDR');
    const idatLength = new DataView(png.buffer).getUint32(33);
    expect(Array.from(inflateSync(png.subarray(41, 41 + idatLength)))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('refuses images whose data disagrees with their size', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) })).toThrow(SaddleError);
    expect(() => encodePng({ width: 0, height: 2, channels: 3, data: new Uint8Array(0) })).toThrow(/width\/height/);
  });

  it('decodePng refuses a damaged file with a CORRUPT_FILE SaddleError naming it', () => {
    const png = encodePng({ width: 1, height: 1, channels: 3, data: new Uint8Array(3) });
    expect(() => decodePng(png.subarray(0, 20), { file: 'cut.png' })).toThrow(/cut\.png: is not a readable PNG/);
  });
});
