import { corruptFile } from './corrupt-file.js';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** True when the bytes start with a zip local file header ("PK\x03\x04"). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** One zip entry: its compression method (0 stored, 8 deflate), raw bytes as stored, and uncompressed size. */
export interface ZipEntry {
  readonly method: number;
  readonly data: Uint8Array;
  readonly uncompressedSize: number;
}

/**
 * Lists the entries of a zip archive whose entries are all stored (method 0, as PyTorch's writer
 * emits), as views into `bytes` (no copy); a compressed entry is refused. See `readZipEntries`.
 */
export function readStoredZip(bytes: Uint8Array, file: string): Map<string, Uint8Array> {
  const entries = new Map<string, Uint8Array>();
  for (const [name, entry] of readZipEntries(bytes, file)) {
    if (entry.method !== 0) {
      throw corruptFile(file, `zip archive: entry ${name} is compressed (method ${entry.method}); PyTorch writes stored entries`, entry.method, 'the file is truncated or damaged; copy or save it again');
    }
    entries.set(name, entry.data);
  }
  return entries;
}

/**
 * Lists the entries of a zip archive as views into `bytes` (no copy), each with its method.
 * Layout read: the end-of-central-directory record (its zip64 variant when counts or offsets
 * overflow 32 bits), the central directory entries (name, method, sizes, local-header offset,
 * zip64 extra field 0x0001), then each local header to find where the data starts. Every offset
 * and size is checked against the archive; CRCs are not checked; stored entries must declare
 * equal compressed and uncompressed sizes.
 */
export function readZipEntries(bytes: Uint8Array, file: string): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (problem: string, value?: unknown): never => {
    throw corruptFile(file, `zip archive: ${problem}`, value, 'the file is truncated or damaged; copy or save it again');
  };
  const u32 = (at: number): number => (at + 4 <= bytes.length ? view.getUint32(at, true) : fail('a record runs past the end', at));
  const u16 = (at: number): number => (at + 2 <= bytes.length ? view.getUint16(at, true) : fail('a record runs past the end', at));
  const u64 = (at: number): number => {
    const v = at + 8 <= bytes.length ? view.getBigUint64(at, true) : fail('a record runs past the end', at);
    return v > BigInt(bytes.length) ? fail(`a 64-bit size or offset ${v} is past the end of the file`, String(v)) : Number(v);
  };

  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) { eocd = at; break; }
  }
  if (eocd < 0) fail('no end-of-central-directory record (truncated?)', bytes.length);
  let count = u16(eocd + 10);
  let size = u32(eocd + 12);
  let offset = u32(eocd + 16);
  if ((count === 0xffff || size === 0xffffffff || offset === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR) {
    const record = u64(eocd - 12);
    if (u32(record) !== ZIP64_EOCD) fail('the zip64 end-of-central-directory record is missing', record);
    count = u64(record + 32);
    size = u64(record + 40);
    offset = u64(record + 48);
  }
  if (offset + size > bytes.length || count > size / 46) fail(`central directory (${count} entries, ${size} bytes at ${offset}) does not fit the file`, offset);

  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder();
  for (let i = 0, at = offset; i < count; i++) {
    if (u32(at) !== CENTRAL) fail(`central directory entry ${i} has a wrong signature`, at);
    const method = u16(at + 10);
    let compressed = u32(at + 20);
    let uncompressed = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    let local = u32(at + 42);
    if (at + 46 + nameLength + extraLength > bytes.length) fail(`central directory entry ${i} runs past the end`, at);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    for (let e = at + 46 + nameLength; e + 4 <= at + 46 + nameLength + extraLength; e += 4 + u16(e + 2)) {
      if (u16(e) !== 0x0001) continue;
      let field = e + 4;
      if (uncompressed === 0xffffffff) { uncompressed = u64(field); field += 8; }
      if (compressed === 0xffffffff) { compressed = u64(field); field += 8; }
      if (local === 0xffffffff) local = u64(field);
    }
    if (method === 0 && compressed !== uncompressed) fail(`entry ${name} declares ${compressed} stored bytes but ${uncompressed} uncompressed`, name);
    if (u32(local) !== LOCAL) fail(`entry ${name} has no local header at ${local}`, local);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + compressed > bytes.length) fail(`entry ${name} (${compressed} bytes at ${start}) runs past the end of the file`, name);
    entries.set(name, { method, data: bytes.subarray(start, start + compressed), uncompressedSize: uncompressed });
    at += 46 + nameLength + extraLength + u16(at + 32);
  }
  return entries;
}
