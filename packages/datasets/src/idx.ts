import { memorySource, type ByteSource } from './byte-source.js';
import { gunzip, isGzip } from './gunzip.js';
import { corruptFile } from './internal/corrupt-file.js';
import { checkLength, readExactly } from './internal/read-chunks.js';

/**
 * Element types of the IDX format, by their type byte.
 *
 * @example
 * ```ts
 * const { type, data } = await readIdx(await urlSource('train-images-idx3-ubyte.gz'));
 * const isPixels = type === ('uint8' satisfies IdxDataType); // data is then a Uint8Array
 * ```
 */
export type IdxDataType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/**
 * An IDX array: its element type, shape and values (converted from big-endian).
 *
 * @example
 * ```ts
 * const { magic, shape } = await readIdx(source); // 0x00000803, [60000, 28, 28]
 * ```
 */
export interface IdxArray {
  /** Bytes 0–3 as a big-endian word, e.g. 0x00000803. */
  readonly magic: number;
  readonly type: IdxDataType;
  readonly shape: readonly number[];
  readonly data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Readonly<Record<number, readonly [IdxDataType, number]>> = {
  0x08: ['uint8', 1],
  0x09: ['int8', 1],
  0x0b: ['int16', 2],
  0x0c: ['int32', 4],
  0x0d: ['float32', 4],
  0x0e: ['float64', 8],
};

/** Most dimensions accepted (MNIST uses 1 and 3). */
const MAX_DIMENSIONS = 16;

/**
 * Options of `readIdx`.
 *
 * @example
 * ```ts
 * const options: ReadIdxOptions = { maxDecompressedBytes: 64 * 2 ** 20 }; // refuse a gzip bomb above 64 MiB
 * const labels = await readIdx(await urlSource('t10k-labels-idx1-ubyte.gz'), options);
 * ```
 */
export interface ReadIdxOptions {
  /** Cap on the decompressed size of a gzipped file (default 1 GiB). */
  readonly maxDecompressedBytes?: number;
}

/**
 * Reads an IDX file (LeCun's MNIST format), gzipped or not (detected by the 1f 8b magic).
 * Layout, all integers big-endian: bytes 0–1 zero; byte 2 the type (0x08 uint8, 0x09 int8,
 * 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64); byte 3 the number of dimensions D; then D
 * uint32 sizes; then ∏sizes values, row-major. The magic number is bytes 0–3, e.g. 0x00000803
 * for MNIST images (uint8, 3 dimensions) and 0x00000801 for labels. A wrong magic, an unknown
 * type, a truncated file or one with extra bytes is a `CORRUPT_FILE` SaddleError naming the file;
 * declared sizes are checked against the file's length before anything is allocated.
 *
 * @example
 * ```ts
 * const { shape, data } = await readIdx(await fileSource('train-labels-idx1-ubyte.gz')); // [60000], Uint8Array
 * ```
 * @see LeCun, Cortes, Burges, "The MNIST database of handwritten digits", 1998
 */
export async function readIdx(input: ByteSource, options: ReadIdxOptions = {}): Promise<IdxArray> {
  let source = input;
  const start = await source.read(0, 4);
  if (isGzip(start)) {
    const raw = await gunzip(await readExactly(source, 0, source.size), { name: source.name, maxBytes: options.maxDecompressedBytes });
    source = memorySource(raw, source.name);
  }
  const magic = await source.read(0, 4);
  if (magic.length < 4) throw corruptFile(source.name, `truncated: ${magic.length} bytes is shorter than the 4-byte IDX magic number`, magic.length);
  const magicWord = (((magic[0] as number) << 24) | ((magic[1] as number) << 16) | ((magic[2] as number) << 8) | (magic[3] as number)) >>> 0;
  const hex = `0x${magicWord.toString(16).padStart(8, '0')}`;
  const type = TYPES[magic[2] as number];
  const dimensions = magic[3] as number;
  if (magic[0] !== 0 || magic[1] !== 0 || type === undefined || dimensions < 1 || dimensions > MAX_DIMENSIONS) {
    throw corruptFile(source.name, `wrong magic number ${hex}: not an IDX file`, hex, 'pass an IDX file (magic 0x000008TD: zero, zero, a type byte 08–0E, 1–16 dimensions)');
  }
  const [typeName, bytesPerValue] = type;
  const header = await readExactly(source, 0, 4 + 4 * dimensions);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const shape = Array.from({ length: dimensions }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = shape.reduce((a, b) => a * b, 1);
  checkLength(source, 4 + 4 * dimensions + count * bytesPerValue, `an IDX ${typeName} array of shape [${shape.join(', ')}]`);
  const bytes = await readExactly(source, 4 + 4 * dimensions, count * bytesPerValue);
  return { magic: magicWord, type: typeName, shape, data: fromBigEndian(bytes, typeName, count) };
}

function fromBigEndian(bytes: Uint8Array, type: IdxDataType, count: number): IdxArray['data'] {
  if (type === 'uint8') return bytes.slice();
  if (type === 'int8') return new Int8Array(bytes.slice().buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = type === 'int16' ? new Int16Array(count) : type === 'int32' ? new Int32Array(count) : type === 'float32' ? new Float32Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    out[i] =
      type === 'int16' ? view.getInt16(2 * i, false)
      : type === 'int32' ? view.getInt32(4 * i, false)
      : type === 'float32' ? view.getFloat32(4 * i, false)
      : view.getFloat64(8 * i, false);
  }
  return out;
}
