import { DTYPES, type ArrayDtype, type NamedArray } from '../named-array.js';
import { floatToHalf, halfToFloat } from './float16.js';

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Decodes `count` values of `dtype` stored back to back in `bytes` (which the caller has checked
 * holds `count × bytes-per-value` bytes) into a fresh typed array; float16 becomes float32.
 */
export function decodeValues(bytes: Uint8Array, dtype: ArrayDtype, count: number, littleEndian = true): NamedArray['data'] {
  const { bytes: size, array } = DTYPES[dtype];
  const raw = bytes.subarray(0, count * size);
  // Uint8Array.from copies exactly these bytes into a buffer of their size; `raw.slice()` would
  // share memory for a Node Buffer (a view into a pooled ArrayBuffer, whose `.buffer` is the pool).
  if (size === 1 || (littleEndian === HOST_LITTLE_ENDIAN && dtype !== 'float16')) return new array(Uint8Array.from(raw).buffer);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  switch (dtype) {
    case 'float16': return Float32Array.from({ length: count }, (_, i) => halfToFloat(view.getUint16(2 * i, littleEndian)));
    case 'float32': return Float32Array.from({ length: count }, (_, i) => view.getFloat32(4 * i, littleEndian));
    case 'float64': return Float64Array.from({ length: count }, (_, i) => view.getFloat64(8 * i, littleEndian));
    case 'int64': return BigInt64Array.from({ length: count }, (_, i) => view.getBigInt64(8 * i, littleEndian));
    case 'int32': return Int32Array.from({ length: count }, (_, i) => view.getInt32(4 * i, littleEndian));
    default: return Int16Array.from({ length: count }, (_, i) => view.getInt16(2 * i, littleEndian));
  }
}

/** Encodes a checked `NamedArray`'s values little-endian, back to back (float16 rounded to nearest even). */
export function encodeValues(array: NamedArray): Uint8Array {
  const { data, dtype } = array;
  if (dtype !== 'float16' && HOST_LITTLE_ENDIAN) return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  const out = new Uint8Array(data.length * DTYPES[dtype].bytes);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    switch (dtype) {
      case 'float16': view.setUint16(2 * i, floatToHalf(v as number), true); break;
      case 'float32': view.setFloat32(4 * i, v as number, true); break;
      case 'float64': view.setFloat64(8 * i, v as number, true); break;
      case 'int64': view.setBigInt64(8 * i, v as bigint, true); break;
      case 'int32': view.setInt32(4 * i, v as number, true); break;
      case 'int16': view.setInt16(2 * i, v as number, true); break;
      default: view.setUint8(i, (v as number) & 0xff);
    }
  }
  return out;
}
