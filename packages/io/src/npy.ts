import { checkNamedArray, DTYPES, elementCount, type ArrayDtype, type NamedArray } from './named-array.js';
import { corruptFile, UNNAMED } from './internal/corrupt-file.js';
import { decodeValues, encodeValues } from './internal/typed-bytes.js';
import type { ReadOptions } from './read-options.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
/** Longest header accepted (NumPy writes under 1 KiB; versions 2 and 3 allow 4 GiB). */
const MAX_HEADER_BYTES = 1 << 16;
/** NumPy `descr` kind and size (without the byte order) per dtype. */
const DESCR: Readonly<Record<ArrayDtype, string>> = {
  float32: 'f4', float64: 'f8', float16: 'f2', int64: 'i8', int32: 'i4', int16: 'i2', int8: 'i1', uint8: 'u1', bool: 'b1',
};
const DTYPE_OF = Object.fromEntries(Object.entries(DESCR).map(([dtype, descr]) => [descr, dtype])) as Record<string, ArrayDtype>;

/**
 * Reads a .npy file (NumPy format versions 1.0, 2.0 and 3.0). Layout: the magic "\x93NUMPY",
 * major and minor version bytes, the header length (uint16 LE in 1.0, uint32 LE in 2.0/3.0),
 * the Python-literal header `{'descr': '<f4', 'fortran_order': False, 'shape': (16, 128), }`,
 * then ∏shape values in C order. dtypes f2 (decoded to float32), f4, f8, i1, i2, i4, i8, u1, b1
 * in either byte order are read. A wrong magic, another dtype, Fortran order, or sizes that
 * disagree with the file are `CORRUPT_FILE` SaddleErrors naming the file, raised before any data
 * is allocated. The returned array is a fresh copy the caller owns.
 *
 * @example
 * ```ts
 * const latents = readNpy(await readFileBytes('latents-16x128.npy'), { file: 'latents-16x128.npy' });
 * latents.shape; // [16, 128], dtype 'float32'
 * ```
 * @see NumPy Enhancement Proposal 1, "A Simple File Format for NumPy Arrays"
 */
export function readNpy(bytes: Uint8Array, options: ReadOptions = {}): NamedArray {
  const file = options.file ?? UNNAMED;
  const fail = (problem: string, value?: unknown, fix = 'pass a complete file written by numpy.save'): never => {
    throw corruptFile(file, problem, value, fix);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    fail(bytes.length < 10 ? `truncated: ${bytes.length} bytes is shorter than the .npy preamble` : 'wrong magic: not a .npy file (no "\\x93NUMPY" at the start)', bytes.length);
  }
  const major = bytes[6]!;
  if (major < 1 || major > 3) fail(`unsupported .npy format version ${major}.${bytes[7]}`, major, 'save with numpy.save (versions 1.0–3.0)');
  if (major > 1 && bytes.length < 12) fail('truncated: the .npy preamble ends early', bytes.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = (major === 1 ? 10 : 12) + headerLength;
  if (headerLength > MAX_HEADER_BYTES || dataOffset > bytes.length) {
    fail(`header length ${headerLength} is ${headerLength > MAX_HEADER_BYTES ? `over the ${MAX_HEADER_BYTES}-byte limit` : 'past the end of the file'}`, headerLength);
  }
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(dataOffset - headerLength, dataOffset));
  const descr = /'descr'\s*:\s*'([<>|=])([a-z]\d+)'/.exec(header);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (descr === null || fortran === null || shapeText === null) {
    return fail('header is not a dict with descr, fortran_order and shape', header.slice(0, 80), 'pass a plain (non-structured) array saved with numpy.save');
  }
  const dtype = DTYPE_OF[descr[2]!];
  if (dtype === undefined) return fail(`unsupported dtype ${descr[1]}${descr[2]}`, descr[2], 'convert with .astype(np.float32) (or another supported dtype) before saving');
  if (fortran[1] === 'True') fail('is stored in Fortran (column-major) order', 'fortran_order', 'save np.ascontiguousarray(a) instead');
  const dims = shapeText[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (!dims.every((s) => /^\d{1,15}$/.test(s))) fail(`shape (${shapeText[1]}) is not a tuple of integers`, shapeText[1]);
  const shape = dims.map(Number);
  const byteLength = elementCount(shape) * DTYPES[dtype].bytes;
  if (dataOffset + byteLength > bytes.length) {
    fail(`truncated: a ${dtype} array of shape (${shape.join(', ')}) needs ${byteLength} data bytes, the file has ${bytes.length - dataOffset}`, bytes.length);
  }
  return { dtype, shape, data: decodeValues(bytes.subarray(dataOffset), dtype, elementCount(shape), descr[1] !== '>') };
}

/**
 * Writes a `NamedArray` as a .npy file (format 1.0, or 2.0 when the header needs more than
 * 65535 bytes), little-endian, C order, the header padded with spaces and a newline so the data
 * starts at a multiple of 64 bytes, as `numpy.save` does. float16 arrays are rounded to half
 * precision; bool is `|b1`. `numpy.load` reads the result.
 *
 * @example
 * ```ts
 * const bytes = writeNpy({ dtype: 'float32', shape: [16, 3, 32, 32], data: samples });
 * await writeFileAtomic('samples.npy', bytes); // np.load('samples.npy').shape == (16, 3, 32, 32)
 * ```
 */
export function writeNpy(array: NamedArray): Uint8Array {
  checkNamedArray('array', array);
  const order = DTYPES[array.dtype].bytes === 1 ? '|' : '<';
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  const dict = `{'descr': '${order}${DESCR[array.dtype]}', 'fortran_order': False, 'shape': ${shape}, }`;
  const version = dict.length + 11 > 0xffff ? 2 : 1;
  const preamble = version === 1 ? 10 : 12;
  const headerLength = Math.ceil((preamble + dict.length + 1) / 64) * 64 - preamble;
  const data = encodeValues(array);
  const out = new Uint8Array(preamble + headerLength + data.length);
  out.set([...MAGIC, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, headerLength, true);
  else view.setUint32(8, headerLength, true);
  out.set(new TextEncoder().encode(dict.padEnd(headerLength - 1, ' ') + '\n'), preamble);
  out.set(data, preamble + headerLength);
  return out;
}
