import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type ApplyOptions, type Module, type Params } from '@saddle/core';
import { checkWidth } from './internal/apply-context.js';

/**
 * The linear discriminator of Balaji et al.: D(x) = ⟨d, x⟩, one parameter `d` [m], initialised at 0
 * (the saddle point's d* = 0 when ḡ = x̄). Add the ℓ2 term −½‖d‖² in the loss to make the game
 * strongly concave in d. Output [n, 1].
 *
 * @example
 * ```ts
 * const disc = linearDiscriminator({ inputSize: 10 });
 * const { output } = disc.apply(params, state, x, { training: true }); // [n, 1]
 * ```
 * @see Balaji et al., "Understanding Overparameterization in Generative Adversarial Networks", 2021
 */
export function linearDiscriminator(options: { inputSize: number }): Module<tf.Tensor2D, tf.Tensor2D> {
  const m = checkWidth('inputSize', options.inputSize);
  return {
    init: () => ({ params: { d: tf.zeros([m]) }, state: {} }),
    apply(params: Params, state: Params, input: tf.Tensor2D, _options: ApplyOptions) {
      const d = params.d;
      if (d === undefined) throw new SaddleError('missing parameter', { code: 'STRUCTURE_MISMATCH', field: 'd', fix: "pass the params returned by this module's init" });
      if (input.rank !== 2 || input.shape[1] !== m) {
        throw new SaddleError('input must be [n, inputSize]', { code: 'SHAPE_MISMATCH', field: 'input', value: input.shape, fix: `pass a [n, ${m}] tensor` });
      }
      return { output: tf.tidy(() => tf.matMul(input, tf.reshape(d, [m, 1]))), state };
    },
  };
}
