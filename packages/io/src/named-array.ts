import { SaddleError } from '@saddle/core';

/**
 * Element types of a `NamedArray`. `float16` values are decoded to float32 on read (exact: every
 * half is a float) and encoded back with round-to-nearest-even on write; `bool` is one byte per
 * value (0 or 1); `int64` is a `BigInt64Array`.
 *
 * @example
 * ```ts
 * const dtype: ArrayDtype = 'float32';
 * ```
 */
export type ArrayDtype = 'float32' | 'float64' | 'float16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

/**
 * A host array with its element type and shape: what every reader here returns and every writer
 * takes. Values are in C (row-major) order; `data.length` is the product of `shape` (1 for a
 * scalar, `shape: []`). The typed array per dtype: float32 and float16 → `Float32Array`, float64 →
 * `Float64Array`, int64 → `BigInt64Array`, int32 → `Int32Array`, int16 → `Int16Array`, int8 →
 * `Int8Array`, uint8 and bool → `Uint8Array`. Readers return fresh arrays that the caller owns.
 *
 * @example
 * ```ts
 * const bias: NamedArray = { dtype: 'float32', shape: [3], data: new Float32Array([0.1, 0.2, 0.3]) };
 * const w = tf.tensor(array.data as Float32Array, array.shape); // into TF.js
 * ```
 */
export interface NamedArray {
  readonly dtype: ArrayDtype;
  readonly shape: number[];
  readonly data: Float32Array | Float64Array | Int32Array | BigInt64Array | Int16Array | Int8Array | Uint8Array;
}

type ArrayConstructor =
  | Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor | BigInt64ArrayConstructor
  | Int16ArrayConstructor | Int8ArrayConstructor | Uint8ArrayConstructor;

/** Bytes per stored value and the typed array that holds the decoded values, per dtype. */
export const DTYPES: Readonly<Record<ArrayDtype, { readonly bytes: number; readonly array: ArrayConstructor }>> = {
  float32: { bytes: 4, array: Float32Array },
  float64: { bytes: 8, array: Float64Array },
  float16: { bytes: 2, array: Float32Array },
  int64: { bytes: 8, array: BigInt64Array },
  int32: { bytes: 4, array: Int32Array },
  int16: { bytes: 2, array: Int16Array },
  int8: { bytes: 1, array: Int8Array },
  uint8: { bytes: 1, array: Uint8Array },
  bool: { bytes: 1, array: Uint8Array },
};

/** The number of values of an array of this shape (1 for a scalar). */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Checks that a caller's `NamedArray` is well formed: a known dtype, a shape of integers ≥ 0, and a
 * data array of the dtype's typed-array class whose length is the product of the shape.
 */
export function checkNamedArray(name: string, array: NamedArray): void {
  const spec = (DTYPES as Record<string, (typeof DTYPES)[ArrayDtype] | undefined>)[array.dtype];
  const fail = (problem: string, value: unknown, fix: string): never => {
    throw new SaddleError(problem, { code: 'INVALID_ARGUMENT', field: name, value, fix });
  };
  if (spec === undefined) fail('unknown dtype', array.dtype, `use one of ${Object.keys(DTYPES).join(', ')}`);
  if (!Array.isArray(array.shape) || !array.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    fail('shape is not a list of integers ≥ 0', array.shape, 'pass e.g. [3, 4] (or [] for a scalar)');
  }
  if (!(array.data instanceof spec!.array)) {
    fail(`data is a ${array.data?.constructor?.name ?? typeof array.data}, not a ${spec!.array.name}`, array.dtype, `store ${array.dtype} values in a ${spec!.array.name}`);
  }
  if (array.data.length !== elementCount(array.shape)) {
    fail(`data holds ${array.data.length} values but shape [${array.shape.join(', ')}] needs ${elementCount(array.shape)}`, array.shape, 'make data.length the product of shape');
  }
}
