import { SaddleError } from '@saddle/core';
import { checkNamedArray, DTYPES, elementCount, type ArrayDtype, type NamedArray } from './named-array.js';
import { corruptFile, UNNAMED } from './internal/corrupt-file.js';
import { decodeValues, encodeValues } from './internal/typed-bytes.js';
import type { ReadOptions } from './read-options.js';

/**
 * What `readSafetensors` returns: the tensors by name and the `__metadata__` string map.
 *
 * @example
 * ```ts
 * const { tensors, metadata }: Safetensors = readSafetensors(bytes);
 * const kernel = tensors['dense0/kernel']; // { dtype: 'float32', shape: [2, 128], data: Float32Array }
 * console.log(metadata.step);
 * ```
 */
export interface Safetensors {
  readonly tensors: Record<string, NamedArray>;
  readonly metadata: Record<string, string>;
}

const CODES: Readonly<Record<string, ArrayDtype>> = {
  F32: 'float32', F64: 'float64', F16: 'float16', I64: 'int64', I32: 'int32', I16: 'int16', I8: 'int8', U8: 'uint8', BOOL: 'bool',
};
const CODE_OF = Object.fromEntries(Object.entries(CODES).map(([code, dtype]) => [dtype, code])) as Record<ArrayDtype, string>;
/** The reference implementation's limit on the JSON header (safetensors `MAX_HEADER_SIZE`). */
const MAX_HEADER_BYTES = 100_000_000;

/**
 * Reads a safetensors file. Layout: an 8-byte little-endian unsigned header length N; N bytes of
 * UTF-8 JSON (possibly padded with spaces) mapping each tensor name to `{ "dtype": "F32",
 * "shape": [2, 3], "data_offsets": [begin, end] }`, plus an optional `"__metadata__"` map of
 * strings; then the data buffer, where offsets are relative to its start, values are
 * little-endian and C-ordered, and the tensors cover the buffer exactly (no holes, no overlaps).
 * dtypes F64, F32, F16 (decoded to float32), I64, I32, I16, I8, U8 and BOOL are read; others
 * (BF16, F8, unsigned 16–64-bit) are refused. A header length over 100 MB or past the end, bad
 * JSON, or offsets that disagree with shapes are `CORRUPT_FILE` errors raised before any tensor
 * is allocated. Returned arrays are fresh copies the caller owns.
 *
 * @example
 * ```ts
 * const { tensors, metadata } = readSafetensors(await readFileBytes('G.safetensors'), { file: 'G.safetensors' });
 * tensors['block1/conv/kernel']; // { dtype: 'float32', shape: [3, 3, 64, 64], data: Float32Array }
 * ```
 * @see https://github.com/huggingface/safetensors (format description in its README)
 */
export function readSafetensors(bytes: Uint8Array, options: ReadOptions = {}): Safetensors {
  const file = options.file ?? UNNAMED;
  const fail = (problem: string, value?: unknown, fix = 'pass a complete file written by a safetensors writer'): never => {
    throw corruptFile(file, problem, value, fix);
  };
  if (bytes.length < 8) fail(`truncated: ${bytes.length} bytes is shorter than the 8-byte header length`, bytes.length);
  const declared = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8))) {
    fail(`header length ${declared} is ${declared > BigInt(MAX_HEADER_BYTES) ? 'over the 100 MB limit' : 'past the end of the file'}`, String(declared));
  }
  const start = 8 + Number(declared);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, start)));
  } catch {
    fail('header is not UTF-8 JSON', Number(declared));
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return fail('header is not a JSON object');
  const { __metadata__: meta = {}, ...entries } = header as Record<string, unknown>;
  if (typeof meta !== 'object' || meta === null || Object.values(meta).some((v) => typeof v !== 'string')) fail('__metadata__ is not a map of strings', meta);
  const dataLength = bytes.length - start;
  const spans = Object.entries(entries).map(([name, entry]) => {
    const { dtype: code, shape, data_offsets: offsets } = (entry ?? {}) as Record<string, unknown>;
    const dtype = CODES[String(code)];
    if (dtype === undefined) fail(`tensor ${name} has unsupported dtype ${String(code)}`, code, `convert it to one of ${Object.keys(CODES).join(', ')} before saving`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return fail(`tensor ${name} has a bad shape`, shape);
    const [begin, end] = Array.isArray(offsets) && offsets.length === 2 ? (offsets as unknown[]) : [];
    if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(end) || (begin as number) < 0 || (end as number) > dataLength || (begin as number) > (end as number)) {
      return fail(`tensor ${name} has data_offsets outside the ${dataLength}-byte data buffer`, offsets);
    }
    const want = elementCount(shape as number[]) * DTYPES[dtype!].bytes;
    if ((end as number) - (begin as number) !== want) fail(`tensor ${name} spans ${(end as number) - (begin as number)} bytes but ${String(code)} [${shape.join(', ')}] needs ${want}`, offsets);
    return { name, dtype: dtype!, shape: shape as number[], begin: begin as number, end: end as number };
  });
  let covered = 0;
  for (const span of [...spans].sort((a, b) => a.begin - b.begin || a.end - b.end)) {
    if (span.begin !== covered) fail(`tensor ${span.name} starts at byte ${span.begin} of the data buffer, not at ${covered}: a hole or an overlap`, span.begin);
    covered = span.end;
  }
  if (covered !== dataLength) fail(`the tensors cover ${covered} of the ${dataLength} data bytes`, dataLength);
  const tensors: Record<string, NamedArray> = {};
  for (const { name, dtype, shape, begin } of spans) {
    tensors[name] = { dtype, shape, data: decodeValues(bytes.subarray(start + begin), dtype, elementCount(shape)) };
  }
  return { tensors, metadata: { ...(meta as Record<string, string>) } };
}

/**
 * Writes tensors (and optional string metadata) as a safetensors file, laid out as
 * `readSafetensors` describes. As the reference writer does, tensors are ordered by element size
 * (largest first), then name, and the JSON header is padded with spaces so the data buffer starts
 * at a multiple of 8 bytes. float16 arrays (Float32Array data) are rounded to half precision,
 * nearest-even. Bad arrays (a shape that disagrees with the data, a wrong typed array) and the
 * reserved name `__metadata__` are `INVALID_ARGUMENT` SaddleErrors.
 *
 * @example
 * ```ts
 * const bytes = writeSafetensors({ 'dense/kernel': { dtype: 'float32', shape: [2, 2], data: new Float32Array(4) } }, { step: '3000' });
 * await writeFileAtomic('checkpoint.safetensors', bytes);
 * ```
 */
export function writeSafetensors(tensors: Record<string, NamedArray>, metadata: Record<string, string> = {}): Uint8Array {
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') throw new SaddleError('metadata values must be strings', { code: 'INVALID_ARGUMENT', field: `metadata.${key}`, value, fix: 'pass String(value)' });
  }
  const names = Object.keys(tensors).sort((a, b) => DTYPES[tensors[b]!.dtype].bytes - DTYPES[tensors[a]!.dtype].bytes || (a < b ? -1 : a > b ? 1 : 0));
  const header: Record<string, unknown> = Object.keys(metadata).length > 0 ? { __metadata__: metadata } : {};
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const name of names) {
    const array = tensors[name]!;
    if (name === '__metadata__' || name === '') {
      throw new SaddleError('reserved or empty tensor name', { code: 'INVALID_ARGUMENT', field: 'tensors', value: name, fix: 'rename the tensor' });
    }
    checkNamedArray(`tensors.${name}`, array);
    const data = encodeValues(array);
    header[name] = { dtype: CODE_OF[array.dtype], shape: array.shape, data_offsets: [offset, offset + data.length] };
    chunks.push(data);
    offset += data.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + padded);
  let at = 8 + padded;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
