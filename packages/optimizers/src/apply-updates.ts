import { treeAdd, type Params } from '@saddle/core';

/**
 * θ ← θ + u: adds updates (already signed for descent) to parameters. New tensors belong to
 * the caller; neither input is disposed.
 *
 * @example
 * ```ts
 * const { updates, state } = opt.update(grads, optState, params);
 * const next = applyUpdates(params, updates);
 * ```
 * @see Babuschkin et al., "The DeepMind JAX Ecosystem" (optax `apply_updates`), 2020
 */
export function applyUpdates(params: Params, updates: Params): Params {
  return treeAdd(params, updates);
}
