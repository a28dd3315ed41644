import type { ByteSource } from '../byte-source.js';
import { corruptFile } from './corrupt-file.js';

/** Largest single read: 16 MiB, so files larger than any one array (STL-10's 2.7 GB) stream through. */
const CHUNK_BYTES = 1 << 24;

/**
 * Checks that a file has exactly the `expected` bytes its header (or record size) implies; the
 * error says whether it is truncated or has extra bytes, and names the file.
 */
export function checkLength(source: ByteSource, expected: number, what: string): void {
  if (source.size < expected) {
    throw corruptFile(source.name, `truncated: ${what} needs ${expected} bytes, the file has ${source.size}`, source.size, 'download the file again; it is incomplete');
  }
  if (source.size > expected) {
    throw corruptFile(source.name, `wrong size: ${what} accounts for ${expected} bytes, the file has ${source.size}`, source.size, 'check that this is the right file for this loader');
  }
}

/**
 * Reads exactly `length` bytes at `offset`, refusing a short read (a file that shrank) as
 * truncated.
 */
export async function readExactly(source: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  const bytes = await source.read(offset, length);
  if (bytes.length !== length) {
    throw corruptFile(source.name, `truncated: needed bytes ${offset}..${offset + length}, read ${bytes.length}`, bytes.length, 'download the file again; it is incomplete');
  }
  return bytes;
}

/**
 * Reads `count` records of `recordBytes` starting at `start`, in order, in chunks of whole records
 * of at most 16 MiB, and hands each chunk to `visit(chunk, firstRecord, records)`.
 */
export async function forEachChunk(
  source: ByteSource,
  start: number,
  recordBytes: number,
  count: number,
  visit: (chunk: Uint8Array, firstRecord: number, records: number) => void,
): Promise<void> {
  const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / recordBytes));
  for (let first = 0; first < count; first += perChunk) {
    const records = Math.min(perChunk, count - first);
    visit(await readExactly(source, start + first * recordBytes, records * recordBytes), first, records);
  }
}
