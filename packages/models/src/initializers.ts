import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@saddle/core';
import { torchDefaultUniform } from './layers/initializers.js';

/**
 * PyTorch's default `nn.Linear` initialisation: W, b ~ U(−1/√fanIn, 1/√fanIn)
 * (kaiming-uniform with a = √5 reduces to this bound), so results compare with PyTorch runs.
 *
 * @example
 * ```ts
 * const { kernel, bias } = torchLinearInit(rng, 2, 128); // kernel [2, 128], bias [128]
 * ```
 */
export function torchLinearInit(rng: Rng, fanIn: number, fanOut: number): { kernel: tf.Tensor2D; bias: tf.Tensor1D } {
  const [kRng, bRng] = rng.split(2) as [Rng, Rng];
  return {
    kernel: torchDefaultUniform(kRng, [fanIn, fanOut], fanIn) as tf.Tensor2D,
    bias: torchDefaultUniform(bRng, [fanOut], fanIn) as tf.Tensor1D,
  };
}
