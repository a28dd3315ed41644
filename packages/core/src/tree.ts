import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from './errors.js';
import type { Params } from './params.js';

function assertSameKeys(a: Params, b: Params, what: string): void {
  const ka = Object.keys(a);
  const kb = new Set(Object.keys(b));
  const missing = ka.filter((k) => !kb.has(k));
  if (missing.length > 0 || ka.length !== kb.size) {
    const extra = [...kb].filter((k) => !(k in a));
    throw new SaddleError(`${what}: parameter trees differ`, {
      code: 'STRUCTURE_MISMATCH', field: missing[0] ?? extra[0],
      fix: `use trees with the same names (missing: [${missing.join(', ')}], extra: [${extra.join(', ')}])`,
    });
  }
}

/**
 * Applies `fn` to every tensor of a tree, keeping names. Each call runs in `tf.tidy`, so only
 * the returned leaves survive; they belong to the caller.
 *
 * @example
 * ```ts
 * const halved = treeMap(params, (p) => tf.mul(p, 0.5));
 * ```
 */
export function treeMap(tree: Params, fn: (leaf: tf.Tensor, name: string) => tf.Tensor): Params {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, leaf] of Object.entries(tree)) out[name] = tf.tidy(() => fn(leaf, name));
  return out;
}

/**
 * Applies `fn` leafwise to trees with the same names (refused otherwise).
 *
 * @example
 * ```ts
 * const avg = treeZip([a, b], ([x, y]) => tf.mul(tf.add(x, y), 0.5));
 * ```
 */
export function treeZip(trees: readonly Params[], fn: (leaves: tf.Tensor[], name: string) => tf.Tensor): Params {
  const [first, ...rest] = trees;
  if (first === undefined) return {};
  for (const t of rest) assertSameKeys(first, t, 'treeZip');
  return treeMap(first, (_, name) => fn(trees.map((t) => t[name] as tf.Tensor), name));
}

/**
 * Leafwise a + b.
 *
 * @example
 * ```ts
 * const next = treeAdd(params, updates); // = applyUpdates(params, updates)
 * ```
 */
export function treeAdd(a: Params, b: Params): Params {
  return treeZip([a, b], ([x, y]) => tf.add(x as tf.Tensor, y as tf.Tensor));
}

/**
 * Leafwise a − b.
 *
 * @example
 * ```ts
 * const delta = treeSub(after, before);
 * ```
 */
export function treeSub(a: Params, b: Params): Params {
  return treeZip([a, b], ([x, y]) => tf.sub(x as tf.Tensor, y as tf.Tensor));
}

/**
 * Leafwise s·a.
 *
 * @example
 * ```ts
 * const step = treeScale(grads, -0.01);
 * ```
 */
export function treeScale(a: Params, s: number): Params {
  return treeMap(a, (x) => tf.mul(x, s));
}

/**
 * Zeros shaped like each leaf (for optimizer moments).
 *
 * @example
 * ```ts
 * const m0 = treeZerosLike(params);
 * ```
 */
export function treeZerosLike(a: Params): Params {
  return treeMap(a, (x) => tf.zerosLike(x));
}

/**
 * Sum over leaves of the squared L2 norm, Σ_leaves ‖x‖²; a scalar the caller owns.
 *
 * @example
 * ```ts
 * const gradNorm = tf.sqrt(treeSquaredNorm(grads));
 * ```
 */
export function treeSquaredNorm(a: Params): tf.Scalar {
  return tf.tidy(() => {
    const leaves = Object.values(a).map((x) => tf.sum(tf.square(x)));
    return leaves.length === 0 ? tf.scalar(0) : (tf.addN(leaves) as tf.Scalar);
  });
}
