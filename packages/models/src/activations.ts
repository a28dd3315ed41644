import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import { leakyRelu } from './layers/leaky-relu.js';

/**
 * Elementwise nonlinearities by name (the names configs use).
 *
 * @example
 * ```ts
 * const phi: ActivationName = 'tanh';
 * const y = activation(phi)(x);
 * ```
 */
export type ActivationName = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'linear';

/**
 * Negative slope of `leakyRelu`: 0.2, the DCGAN / SNGAN convention.
 *
 * @example
 * ```ts
 * const d = mlp({ inputSize: 2, hiddenSizes: [128], outputSize: 1, activation: 'leakyRelu' }); // slope LEAKY_RELU_SLOPE = 0.2
 * tf.leakyRelu(x, LEAKY_RELU_SLOPE); // the same nonlinearity by hand
 * ```
 */
export const LEAKY_RELU_SLOPE = 0.2;

const ACTIVATIONS: Readonly<Record<ActivationName, (x: tf.Tensor) => tf.Tensor>> = {
  relu: (x) => tf.relu(x),
  leakyRelu: (x) => leakyRelu(x, LEAKY_RELU_SLOPE),
  tanh: (x) => tf.tanh(x),
  sigmoid: (x) => tf.sigmoid(x),
  linear: (x) => x,
};

/**
 * Looks up an activation function, refusing unknown names with the allowed list.
 *
 * @example
 * ```ts
 * const phi = activation('leakyRelu'); // x ↦ max(x, 0.2x)
 * ```
 */
export function activation(name: ActivationName): (x: tf.Tensor) => tf.Tensor {
  const fn = ACTIVATIONS[name];
  if (fn === undefined) {
    throw new SaddleError('unknown activation', {
      code: 'INVALID_ARGUMENT', field: 'activation', value: name, fix: `use one of ${Object.keys(ACTIVATIONS).join(', ')}`,
    });
  }
  return fn;
}
