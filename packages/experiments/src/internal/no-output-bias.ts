import * as tf from '@tensorflow/tfjs-core';
import type { Module, Params } from '@saddle/core';

/**
 * A module whose bias leaf `bias` is held at zero (the papers'
 * `Linear(128, 1, bias=False)` output layer): `init` moves the zeroed leaf from the parameters
 * to the state, so it is never trained, and `apply` hands it back to the inner module.
 */
export function withoutBias<I extends tf.Tensor, O extends tf.Tensor>(inner: Module<I, O>, bias: string): Module<I, O> {
  return {
    init(rng) {
      const { params, state } = inner.init(rng);
      const { [bias]: initial, ...rest } = params;
      if (initial === undefined) return { params, state };
      const zero = tf.zerosLike(initial);
      initial.dispose();
      return { params: rest, state: { ...state, [bias]: zero } };
    },
    apply(params: Params, state: Params, input: I, options) {
      const { [bias]: zero, ...innerState } = state;
      if (zero === undefined) return inner.apply(params, state, input, options);
      const out = inner.apply({ ...params, [bias]: zero }, innerState, input, options);
      return { output: out.output, state: { ...out.state, [bias]: zero } };
    },
  };
}
