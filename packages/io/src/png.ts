import { SaddleError } from '@saddle/core';
import { crc32 } from './internal/crc32.js';

/**
 * An 8-bit image: `data` holds height × width × channels bytes, rows top to bottom, pixels
 * interleaved (RGB or RGBA).
 *
 * @example
 * ```ts
 * const red: RgbImage = { width: 1, height: 1, channels: 3, data: new Uint8Array([255, 0, 0]) };
 * ```
 */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
  readonly data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Largest stored deflate block. */
const BLOCK = 0xffff;

/**
 * Encodes an 8-bit RGB or RGBA image as a PNG, in pure JS (browser-safe, no zlib): the signature,
 * IHDR (bit depth 8, colour type 2 or 6, no interlace), one IDAT holding a zlib stream of stored
 * (uncompressed) deflate blocks over the rows, each prefixed with filter byte 0, and IEND; every
 * chunk has its CRC-32 and the stream its Adler-32. Files are about the size of the raw pixels
 * (a 32×32 8×8 grid: ~200 KB), which suits sample grids; any PNG reader opens them.
 *
 * @example
 * ```ts
 * const grid = imageGrid({ data: samples, shape: [16, 3, 32, 32], layout: 'NCHW' }, { columns: 4 });
 * await writeFileAtomic('samples.png', encodePng(grid));
 * ```
 * @see W3C, "Portable Network Graphics (PNG) Specification (Third Edition)", 2025
 */
export function encodePng(image: RgbImage): Uint8Array {
  const { width, height, channels, data } = image;
  const bad = (field: string, value: unknown, fix: string): never => {
    throw new SaddleError('bad image for encodePng', { code: 'INVALID_ARGUMENT', field, value, fix });
  };
  if (!Number.isSafeInteger(width) || width < 1 || !Number.isSafeInteger(height) || height < 1) bad('width/height', [width, height], 'pass positive integers');
  if (channels !== 3 && channels !== 4) bad('channels', channels, 'pass 3 (RGB) or 4 (RGBA)');
  if (!(data instanceof Uint8Array) || data.length !== width * height * channels) bad('data', data?.length, `pass a Uint8Array of width × height × channels = ${width * height * channels} bytes`);
  const stride = width * channels;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, channels === 3 ? 2 : 6, 0, 0, 0], 8);
  const chunks = [chunk('IHDR', ihdr), chunk('IDAT', zlibStored(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(SIGNATURE.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(SIGNATURE);
  let at = SIGNATURE.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

/** A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4) with the Adler-32 trailer. */
function zlibStored(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / BLOCK));
  const out = new Uint8Array(2 + blocks * 5 + raw.length + 4);
  out.set([0x78, 0x01]);
  let at = 2;
  for (let b = 0; b < blocks; b++) {
    const part = raw.subarray(b * BLOCK, (b + 1) * BLOCK);
    out.set([b === blocks - 1 ? 1 : 0, part.length & 0xff, part.length >> 8, ~part.length & 0xff, (~part.length >> 8) & 0xff], at);
    out.set(part, at + 5);
    at += 5 + part.length;
  }
  let a = 1;
  let s = 0;
  for (const byte of raw) {
    a = (a + byte) % 65521;
    s = (s + a) % 65521;
  }
  new DataView(out.buffer).setUint32(at, ((s << 16) | a) >>> 0);
  return out;
}
