import * as tf from '@tensorflow/tfjs-core';
import type { Params } from '@saddle/core';

/**
 * f(θ) and ∇_θ f over a named parameter map (tf.valueAndGrads works on positional arrays).
 * Tensors created inside `f` are freed unless `f` marks them with `tf.keep`.
 */
export function valueAndGradsOf(params: Params, f: (params: Params) => tf.Scalar): { value: tf.Scalar; grads: Params } {
  const names = Object.keys(params);
  const named = (xs: readonly tf.Tensor[]): Params => Object.fromEntries(names.map((n, i) => [n, xs[i] as tf.Tensor]));
  try {
    const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => f(named(xs)))(names.map((n) => params[n] as tf.Tensor));
    return { value, grads: named(grads) };
  } catch (error) {
    releaseAbandonedTape();
    throw error;
  }
}

interface EngineTapeState {
  gradientDepth: number;
  activeTape: { saved: tf.Tensor[] }[] | null;
}

/**
 * tfjs 4.22's `Engine.gradients` frees the tensors its tape saved for the backward pass only
 * when `f` returns; when `f` throws (a loss refusing NaN logits) they leak. This frees them as
 * the engine would have, for the outermost tape only.
 */
function releaseAbandonedTape(): void {
  const state = (tf.engine() as unknown as { state: EngineTapeState }).state;
  if (state.gradientDepth !== 0 || state.activeTape == null) return;
  for (const node of state.activeTape) for (const t of node.saved) t.dispose();
  state.activeTape = null;
}
