import { SaddleError } from '@saddle/core';
import type { ExampleSet } from './example-set.js';
import { check } from './internal/check.js';

/**
 * Host arrays an `arraySet` can hold (the decoded forms of the file formats).
 *
 * @example
 * ```ts
 * const pixels: HostArray = new Uint8Array(10 * 28 * 28); // stays uint8 in memory
 * const set = arraySet({ name: 'digits', data: pixels, exampleShape: [28, 28, 1], range: [0, 255] });
 * ```
 */
export type HostArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Int32Array | Float32Array | Float64Array;

/**
 * What an in-memory set is made of.
 *
 * @example
 * ```ts
 * const options: ArraySetOptions = { name: 'points', data: new Float32Array([0, 0, 1, 1, 2, 2]), exampleShape: [2], labels: new Int32Array([0, 1, 1]), classNames: ['a', 'b'] };
 * const set = arraySet(options); // 3 examples of shape [2], values kept (default range [−1, 1])
 * ```
 */
export interface ArraySetOptions {
  readonly name: string;
  /** N·∏exampleShape values, row-major, example after example. */
  readonly data: HostArray;
  /** Shape of one example, e.g. `[28, 28, 1]`. */
  readonly exampleShape: readonly number[];
  /**
   * The stored range [lo, hi], mapped linearly onto [−1, 1]: x = 2(v − lo)/(hi − lo) − 1.
   * Default [−1, 1] (values kept as they are); uint8 pixels use [0, 255], i.e. x = v/127.5 − 1.
   * Values outside the range are not clipped.
   */
  readonly range?: readonly [number, number];
  readonly labels?: Int32Array;
  readonly classNames?: readonly string[];
}

/**
 * An `ExampleSet` over a host array, kept in its compact stored type (uint8 pixels stay uint8,
 * a quarter of float32) and mapped to float32 per read: x = 2(v − lo)/(hi − lo) − 1.
 *
 * @example
 * ```ts
 * const set = arraySet({ name: 'tiny', data: Uint8Array.of(0, 255, 51, 204), exampleShape: [2, 1, 1], range: [0, 255] });
 * await set.read(Int32Array.of(1)); // Float32Array [−0.6, 0.6]
 * ```
 */
export function arraySet(options: ArraySetOptions): ExampleSet {
  const { name, data, exampleShape, range = [-1, 1], labels, classNames } = options;
  check('exampleShape', exampleShape, exampleShape.every((d) => Number.isInteger(d) && d >= 1), 'positive integer dimensions');
  const exampleSize = exampleShape.reduce((a, b) => a * b, 1);
  const size = data.length / exampleSize;
  if (!Number.isInteger(size) || size < 1) {
    throw new SaddleError(`holds ${data.length} values, not a positive whole number of examples of shape [${exampleShape.join(', ')}]`, {
      code: 'SHAPE_MISMATCH', field: `${name}.data`, value: data.length, fix: 'pass N·∏exampleShape values with N ≥ 1',
    });
  }
  const [lo, hi] = range;
  check(`${name}.range`, range, Number.isFinite(lo) && Number.isFinite(hi) && hi > lo, 'a finite [lo, hi] with hi > lo');
  if (labels !== undefined && labels.length !== size) {
    throw new SaddleError(`has ${labels.length} labels for ${size} examples`, {
      code: 'SHAPE_MISMATCH', field: `${name}.labels`, value: labels.length, fix: 'pass one label per example',
    });
  }
  const scale = 2 / (hi - lo);
  const offset = -1 - lo * scale;
  const table = data instanceof Uint8Array ? Float32Array.from({ length: 256 }, (_, v) => v * scale + offset) : undefined;
  return {
    name,
    size,
    exampleShape: [...exampleShape],
    labels,
    classNames,
    read: async (indices) => {
      const out = new Float32Array(indices.length * exampleSize);
      for (let j = 0; j < indices.length; j++) {
        const index = indices[j] as number;
        if (!(index >= 0 && index < size)) {
          throw new SaddleError(`index outside [0, ${size})`, { code: 'INVALID_ARGUMENT', field: `${name}.read`, value: index, fix: 'pass example indices of this set' });
        }
        const from = index * exampleSize;
        const to = j * exampleSize;
        if (table !== undefined) {
          for (let e = 0; e < exampleSize; e++) out[to + e] = table[data[from + e] as number] as number;
        } else if (scale === 1 && offset === 0) {
          out.set(data.subarray(from, from + exampleSize), to);
        } else {
          for (let e = 0; e < exampleSize; e++) out[to + e] = (data[from + e] as number) * scale + offset;
        }
      }
      return out;
    },
  };
}
