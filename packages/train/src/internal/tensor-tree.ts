import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import type { NamedArray } from '@saddle/io';

/** A JSON value in which each tensor of a tree is replaced by `{ "$tensor": name }`. */
export type TreeSkeleton = null | boolean | number | string | { readonly $tensor: string } | { readonly $number: string } | TreeSkeleton[] | { readonly [key: string]: TreeSkeleton };

const SAVED_DTYPES = new Set(['float32', 'int32', 'bool']);

/**
 * Splits a tensor tree (a `tf.TensorContainer`: tensors, numbers, strings, booleans, null, and
 * arrays and plain objects of those) into a JSON skeleton and its tensors' values, named `t0`,
 * `t1`, ... in walk order. A tensor reached twice (an average that aliases the parameters) is
 * stored once and referenced twice, so `decodeTree` restores the aliasing. Non-finite numbers
 * are spelled `{ "$number": "NaN" }`; keys starting with `$`, typed arrays and other dtypes
 * are refused.
 */
export async function encodeTree(tree: tf.TensorContainer): Promise<{ skeleton: TreeSkeleton; tensors: Record<string, NamedArray> }> {
  const names = new Map<tf.Tensor, string>();
  const tensors: Record<string, NamedArray> = {};
  const walk = async (node: unknown, path: string): Promise<TreeSkeleton> => {
    if (node === null || node === undefined) return null;
    if (typeof node === 'boolean' || typeof node === 'string') return node;
    if (typeof node === 'number') return Number.isFinite(node) ? node : { $number: String(node) };
    if (node instanceof tf.Tensor) {
      let name = names.get(node);
      if (name === undefined) {
        if (!SAVED_DTYPES.has(node.dtype)) {
          throw new SaddleError(`cannot checkpoint a ${node.dtype} tensor`, {
            code: 'INVALID_ARGUMENT', field: path, value: node.dtype, fix: 'keep training state in float32, int32 or bool tensors',
          });
        }
        name = `t${names.size}`;
        names.set(node, name);
        tensors[name] = { dtype: node.dtype as 'float32' | 'int32' | 'bool', shape: [...node.shape], data: (await node.data()) as Float32Array | Int32Array | Uint8Array };
      }
      return { $tensor: name };
    }
    if (Array.isArray(node)) return Promise.all(node.map((v, i) => walk(v, `${path}[${i}]`)));
    if (typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
      const out: Record<string, TreeSkeleton> = {};
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) {
          throw new SaddleError('a key of the training state starts with "$", which checkpoints reserve', {
            code: 'INVALID_ARGUMENT', field: `${path}.${key}`, fix: 'rename the key',
          });
        }
        if (value !== undefined) out[key] = await walk(value, `${path}.${key}`);
      }
      return out;
    }
    throw new SaddleError('cannot checkpoint this value', {
      code: 'INVALID_ARGUMENT', field: path, value: node, fix: 'keep training state in tensors, numbers, strings, booleans, arrays and plain objects',
    });
  };
  const skeleton = await walk(tree, 'checkpoint');
  return { skeleton, tensors };
}

/**
 * Rebuilds a tree from `encodeTree`'s skeleton and tensors. Every reference is checked before a
 * tensor is made, so a bad skeleton throws (`fail`) without leaking; the caller owns the result.
 */
export function decodeTree(skeleton: unknown, tensors: Readonly<Record<string, NamedArray>>, fail: (problem: string) => Error): tf.TensorContainer {
  const check = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((v, i) => check(v, `${path}[${i}]`));
    const record = node as Record<string, unknown>;
    if ('$tensor' in record) {
      const array = typeof record.$tensor === 'string' && Object.hasOwn(tensors, record.$tensor) ? tensors[record.$tensor] : undefined;
      if (array === undefined || !SAVED_DTYPES.has(array.dtype)) throw fail(`${path} refers to a missing or unsupported tensor ${JSON.stringify(record.$tensor)}`);
      return;
    }
    if ('$number' in record) {
      if (!['NaN', 'Infinity', '-Infinity'].includes(record.$number as string)) throw fail(`${path} is not a number`);
      return;
    }
    for (const [key, value] of Object.entries(record)) check(value, `${path}.${key}`);
  };
  check(skeleton, 'checkpoint');
  const made = new Map<string, tf.Tensor>();
  const build = (node: unknown): tf.TensorContainer => {
    if (node === null || typeof node !== 'object') return node as tf.TensorContainer;
    if (Array.isArray(node)) return node.map(build);
    const record = node as Record<string, unknown>;
    if ('$tensor' in record) {
      const name = record.$tensor as string;
      let tensor = made.get(name);
      if (tensor === undefined) {
        const { dtype, shape, data } = tensors[name] as NamedArray;
        tensor = tf.tensor(data as Float32Array | Int32Array | Uint8Array, shape, dtype as 'float32' | 'int32' | 'bool');
        made.set(name, tensor);
      }
      return tensor;
    }
    if ('$number' in record) return Number(record.$number);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, build(v)]));
  };
  return build(skeleton);
}
