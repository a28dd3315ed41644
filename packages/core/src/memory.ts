import type * as tf from '@tensorflow/tfjs-core';

/**
 * Anything that holds tensors: a tensor, a Params map, arrays and records of those.
 *
 * @example
 * ```ts
 * const tree: TensorTree = { params, state, losses: [lossG, lossD] };
 * disposeTree(tree); // frees every tensor in it once
 * ```
 */
export type TensorTree = tf.TensorContainer;

function collect(tree: TensorTree, into: Set<tf.Tensor>): Set<tf.Tensor> {
  if (tree == null || typeof tree !== 'object') return into;
  if (isTensor(tree)) {
    into.add(tree);
    return into;
  }
  for (const v of Array.isArray(tree) ? tree : Object.values(tree)) collect(v as TensorTree, into);
  return into;
}

function isTensor(x: object): x is tf.Tensor {
  return 'dataId' in x && 'shape' in x && 'dtype' in x;
}

/**
 * All tensors reachable in a tree (deduplicated).
 *
 * @example
 * ```ts
 * const n = treeTensors({ params, state }).size;
 * ```
 */
export function treeTensors(tree: TensorTree): Set<tf.Tensor> {
  return collect(tree, new Set());
}

/**
 * Disposes every tensor of `previous` that `next` no longer references: the driver's rule
 * after a step, since functions may return some inputs unchanged (design §5).
 *
 * @example
 * ```ts
 * const out = game.step(gradFn, params, state);
 * disposeReplaced({ params, state }, { params: out.params, state: out.state });
 * ```
 */
export function disposeReplaced(previous: TensorTree, next: TensorTree): void {
  const keep = treeTensors(next);
  for (const t of treeTensors(previous)) if (!keep.has(t) && !t.isDisposed) t.dispose();
}

/**
 * Disposes every tensor in a tree.
 *
 * @example
 * ```ts
 * disposeTree(out.losses);
 * ```
 */
export function disposeTree(tree: TensorTree): void {
  for (const t of treeTensors(tree)) if (!t.isDisposed) t.dispose();
}
