import { arraySet, type HostArray } from './array-set.js';
import type { ByteSource } from './byte-source.js';
import { check } from './internal/check.js';
import { corruptFile } from './internal/corrupt-file.js';
import { checkLength, readExactly } from './internal/read-chunks.js';
import { batched, type DatasetSource } from './pipeline.js';

/**
 * Element types `readNpy` accepts (NumPy `descr` kinds b/i/u/f without the byte order).
 *
 * @example
 * ```ts
 * const { type, shape } = await readNpy(await urlSource('samples.npy'));
 * const needsRange = type !== ('uint8' satisfies NpyDataType); // loadNpy then needs options.range
 * ```
 */
export type NpyDataType = 'bool' | 'uint8' | 'int8' | 'uint16' | 'int16' | 'int32' | 'uint32' | 'float32' | 'float64';

/**
 * A NumPy array read from a .npy file, in C (row-major) order.
 *
 * @example
 * ```ts
 * const { type, shape, data } = await readNpy(source); // 'float32', [1000, 2], Float32Array
 * ```
 */
export interface NpyArray {
  readonly type: NpyDataType;
  readonly shape: readonly number[];
  readonly data: HostArray | Uint32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
/** Longest header accepted (NumPy writes under 1 KiB; version 2 allows 4 GiB). */
const MAX_HEADER_BYTES = 1 << 16;
const TYPES: Readonly<Record<string, readonly [NpyDataType, number]>> = {
  b1: ['bool', 1], u1: ['uint8', 1], i1: ['int8', 1], u2: ['uint16', 2], i2: ['int16', 2],
  i4: ['int32', 4], u4: ['uint32', 4], f4: ['float32', 4], f8: ['float64', 8],
};

/**
 * Reads a .npy file (NumPy format versions 1.0, 2.0 and 3.0): the magic "\x93NUMPY", major and
 * minor version bytes, the header length (uint16 little-endian in 1.0, uint32 in 2.0/3.0), then a
 * Python-literal header `{'descr': '<f4', 'fortran_order': False, 'shape': (N, 32, 32, 3), }`,
 * then ∏shape values. Byte orders '<', '>' and '|' are converted to the host's. A wrong magic, an
 * unsupported `descr` (structured, complex, float16, 64-bit integers), Fortran order, a header or
 * data size that disagrees with the file are `CORRUPT_FILE` SaddleErrors naming the file, raised
 * before any data is allocated.
 *
 * @example
 * ```ts
 * const { shape, data } = await readNpy(await fileSource('samples.npy'));
 * ```
 * @see NumPy Enhancement Proposal 1, "A Simple File Format for NumPy Arrays"
 */
export async function readNpy(source: ByteSource): Promise<NpyArray> {
  const lead = await source.read(0, 12);
  if (lead.length < 10 || MAGIC.some((b, i) => lead[i] !== b)) {
    throw corruptFile(source.name, lead.length < 10 ? `truncated: ${lead.length} bytes is shorter than the .npy preamble` : 'wrong magic: not a .npy file (no "\\x93NUMPY" at the start)', undefined, 'pass a file written by numpy.save');
  }
  const major = lead[6] as number;
  if (major < 1 || major > 3) throw corruptFile(source.name, `unsupported .npy format version ${major}.${lead[7]}`, major, 'save with numpy.save (versions 1.0–3.0)');
  if (major > 1 && lead.length < 12) throw corruptFile(source.name, 'truncated: the .npy preamble ends early', lead.length);
  const view = new DataView(lead.buffer, lead.byteOffset, lead.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = (major === 1 ? 10 : 12) + headerLength;
  if (headerLength > MAX_HEADER_BYTES || dataOffset > source.size) {
    throw corruptFile(source.name, `header length ${headerLength} is ${headerLength > MAX_HEADER_BYTES ? `over the ${MAX_HEADER_BYTES}-byte limit` : 'past the end of the file'}`, headerLength);
  }
  const header = new TextDecoder('latin1').decode(await readExactly(source, dataOffset - headerLength, headerLength));
  const descr = /'descr'\s*:\s*'([<>|=])([a-z])(\d+)'/.exec(header);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (descr === null || fortran === null || shapeText === null) {
    throw corruptFile(source.name, 'header is not a dict with descr, fortran_order and shape', header.slice(0, 80), 'pass a plain (non-structured) array saved with numpy.save');
  }
  const type = TYPES[`${descr[2]}${descr[3]}`];
  if (type === undefined) {
    throw corruptFile(source.name, `unsupported dtype ${descr[1]}${descr[2]}${descr[3]}`, `${descr[2]}${descr[3]}`, 'convert with .astype(np.float32) (or uint8) before saving');
  }
  if (fortran[1] === 'True') {
    throw corruptFile(source.name, 'is stored in Fortran (column-major) order', 'fortran_order', 'save np.ascontiguousarray(a) instead');
  }
  const dims = (shapeText[1] as string).split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (!dims.every((s) => /^\d{1,15}$/.test(s))) throw corruptFile(source.name, `shape (${shapeText[1]}) is not a tuple of integers`, shapeText[1]);
  const shape = dims.map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const [typeName, bytesPerValue] = type;
  checkLength(source, dataOffset + count * bytesPerValue, `a ${typeName} array of shape (${shape.join(', ')})`);
  const bytes = await readExactly(source, dataOffset, count * bytesPerValue);
  return { type: typeName, shape, data: toHost(bytes, typeName, count, descr[1] === '>') };
}

function toHost(bytes: Uint8Array, type: NpyDataType, count: number, bigEndian: boolean): NpyArray['data'] {
  if (type === 'bool' || type === 'uint8') return bytes.slice();
  if (type === 'int8') return new Int8Array(bytes.slice().buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = !bigEndian;
  switch (type) {
    case 'uint16': return Uint16Array.from({ length: count }, (_, i) => view.getUint16(2 * i, little));
    case 'int16': return Int16Array.from({ length: count }, (_, i) => view.getInt16(2 * i, little));
    case 'int32': return Int32Array.from({ length: count }, (_, i) => view.getInt32(4 * i, little));
    case 'uint32': return Uint32Array.from({ length: count }, (_, i) => view.getUint32(4 * i, little));
    case 'float32': return Float32Array.from({ length: count }, (_, i) => view.getFloat32(4 * i, little));
    default: return Float64Array.from({ length: count }, (_, i) => view.getFloat64(8 * i, little));
  }
}

/**
 * How a .npy array becomes examples.
 *
 * @example
 * ```ts
 * const options: NpyOptions = { range: [-1, 1], layout: 'NCHW' }; // PyTorch samples in tanh range
 * const samples = await loadNpy(await urlSource('samples.npy'), options);
 * ```
 */
export interface NpyOptions {
  /**
   * The stored range [lo, hi], mapped onto [−1, 1] by x = 2(v − lo)/(hi − lo) − 1. Default
   * [0, 255] for uint8 arrays; required for every other type (pass [−1, 1] to keep the values).
   */
  readonly range?: readonly [number, number];
  /** Axis order of a 4-D array: `"NHWC"` (default) or `"NCHW"` (PyTorch), transposed to NHWC at load. */
  readonly layout?: 'NHWC' | 'NCHW';
  /** A .npy file of N integer labels ≥ 0. */
  readonly labels?: ByteSource;
  readonly classNames?: readonly string[];
}

/**
 * Loads a .npy array (see `readNpy`) of N examples along axis 0 as a data set: a 4-D array is N
 * images, NHWC (or NCHW with `layout: 'NCHW'`, transposed to NHWC, channel order kept); a 3-D
 * array [N, H, W] is N grayscale images and gets a channel axis, [N, H, W, 1]; any other array
 * keeps its shape, e.g. [N, 2] points. Values map to [−1, 1] through `range`.
 *
 * @example
 * ```ts
 * const faces = await loadNpy(await fileSource('faces_uint8_nhwc.npy')); // [N, 64, 64, 3]
 * const points = await loadNpy(await fileSource('ring.npy'), { range: [-1, 1] }); // float32 [N, 2], kept
 * ```
 */
export async function loadNpy(source: ByteSource, options: NpyOptions = {}): Promise<DatasetSource> {
  const { layout = 'NHWC', classNames } = options;
  check('layout', layout, layout === 'NHWC' || layout === 'NCHW', '"NHWC" or "NCHW"');
  const array = await readNpy(source);
  const range = options.range ?? (array.type === 'uint8' ? ([0, 255] as const) : undefined);
  check('range', range, range !== undefined, `the [lo, hi] that the ${array.type} values of ${source.name} span, e.g. [0, 1] or [-1, 1]`);
  const [count, ...rest] = array.shape;
  if (count === undefined || count === 0 || rest.some((d) => d === 0)) {
    throw corruptFile(source.name, `holds no examples: shape (${array.shape.join(', ')})`, array.shape, 'save an array of N ≥ 1 examples along axis 0');
  }
  if (layout === 'NCHW' && rest.length !== 3) check('layout', layout, false, `"NHWC" for an array of ${array.shape.length} dimensions`);
  const data = array.data instanceof Uint32Array ? Float64Array.from(array.data) : array.data;
  const exampleShape = layout === 'NCHW' ? [rest[1]!, rest[2]!, rest[0]!] : rest.length === 2 ? [...rest, 1] : rest;
  let labels: Int32Array | undefined;
  if (options.labels !== undefined) {
    const file = options.labels;
    const idx = await readNpy(file);
    if (idx.shape.length !== 1 || idx.shape[0] !== count || idx.type.startsWith('float') || idx.type === 'bool') {
      throw corruptFile(file.name, `is not ${count} integer labels: ${idx.type} array of shape (${idx.shape.join(', ')})`, idx.shape, `pass a 1-D integer array with one label per example of ${source.name}`);
    }
    labels = Int32Array.from(idx.data as ArrayLike<number>);
    const bad = labels.findIndex((l, i) => l < 0 || l !== Number(idx.data[i]) || (classNames !== undefined && l >= classNames.length));
    if (bad >= 0) throw corruptFile(file.name, `label ${idx.data[bad]} of example ${bad} is not a class index`, Number(idx.data[bad]), 'pass labels in 0..classes−1');
  }
  const name = `npy:${source.name}`;
  return batched(arraySet({ name, data: layout === 'NCHW' ? toNhwc(data, count, rest) : data, exampleShape, range: range!, labels, classNames }));
}

function toNhwc<T extends HostArray>(data: T, count: number, [channels, height, width]: number[]): T {
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const plane = height! * width!;
  for (let n = 0; n < count; n++) {
    for (let c = 0; c < channels!; c++) {
      for (let p = 0; p < plane; p++) out[(n * plane + p) * channels! + c] = data[(n * channels! + c) * plane + p] as number;
    }
  }
  return out;
}
