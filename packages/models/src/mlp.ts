import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type Module, type Params, type Rng } from '@saddle/core';
import { activation, type ActivationName } from './activations.js';
import { torchLinearInit } from './initializers.js';

/**
 * Shape and nonlinearities of a multilayer perceptron.
 *
 * @example
 * ```ts
 * const options: MlpOptions = { inputSize: 2, hiddenSizes: [128, 128], outputSize: 1, activation: 'leakyRelu' };
 * const discriminator = mlp(options); // the 5-Gaussian D of papers §2.4
 * ```
 */
export interface MlpOptions {
  readonly inputSize: number;
  /** Widths of the hidden layers, input side first. */
  readonly hiddenSizes: readonly number[];
  readonly outputSize: number;
  /** Hidden nonlinearity φ (default `relu`). */
  readonly activation?: ActivationName;
  /** Output nonlinearity (default `linear`: logits for a discriminator, points for a generator). */
  readonly outputActivation?: ActivationName;
}

/**
 * Widest layer accepted: refuses absurd configs before any allocation.
 *
 * @example
 * ```ts
 * mlp({ inputSize: 2, hiddenSizes: [MAX_LAYER_WIDTH + 1], outputSize: 2 }); // throws SaddleError (field hiddenSizes[0])
 * ```
 */
export const MAX_LAYER_WIDTH = 65_536;

function checkSize(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LAYER_WIDTH) {
    throw new SaddleError('layer width must be an integer in [1, 65536]', {
      code: 'INVALID_ARGUMENT', field, value, fix: 'pass a positive integer width',
    });
  }
  return value;
}

/**
 * A multilayer perceptron h_{l+1} = φ(h_l W_l + b_l), with the output layer's own nonlinearity.
 * Parameters are `dense{l}/kernel` [in, out] and `dense{l}/bias` [out]; PyTorch's default
 * `nn.Linear` initialisation. It has no state.
 *
 * @example
 * ```ts
 * const generator = mlp({ inputSize: 2, hiddenSizes: [128, 128], outputSize: 2 });
 * const { params, state } = generator.init(createRng(0));
 * const { output } = generator.apply(params, state, z, { training: true }); // [n, 2]
 * ```
 */
export function mlp(options: MlpOptions): Module<tf.Tensor2D, tf.Tensor2D> {
  const sizes = [
    checkSize('inputSize', options.inputSize),
    ...options.hiddenSizes.map((h, i) => checkSize(`hiddenSizes[${i}]`, h)),
    checkSize('outputSize', options.outputSize),
  ];
  const hidden = activation(options.activation ?? 'relu');
  const output = activation(options.outputActivation ?? 'linear');
  const layers = sizes.length - 1;

  return {
    init(rng: Rng) {
      const params: Record<string, tf.Tensor> = {};
      rng.split(layers).forEach((layerRng, l) => {
        const { kernel, bias } = torchLinearInit(layerRng, sizes[l] as number, sizes[l + 1] as number);
        params[`dense${l}/kernel`] = kernel;
        params[`dense${l}/bias`] = bias;
      });
      return { params, state: {} };
    },
    apply(params: Params, state: Params, input: tf.Tensor2D) {
      if (input.rank !== 2 || input.shape[1] !== sizes[0]) {
        throw new SaddleError('MLP input must be [batch, inputSize]', {
          code: 'SHAPE_MISMATCH', field: 'input', value: input.shape, fix: `pass a [n, ${String(sizes[0])}] tensor`,
        });
      }
      const out = tf.tidy(() => {
        let h: tf.Tensor = input;
        for (let l = 0; l < layers; l++) {
          h = tf.add(tf.matMul(h as tf.Tensor2D, param(params, `dense${l}/kernel`) as tf.Tensor2D), param(params, `dense${l}/bias`));
          h = l < layers - 1 ? hidden(h) : output(h);
        }
        return h as tf.Tensor2D;
      });
      return { output: out, state };
    },
  };
}

function param(params: Params, name: string): tf.Tensor {
  const p = params[name];
  if (p === undefined) {
    throw new SaddleError('missing parameter', {
      code: 'STRUCTURE_MISMATCH', field: name, fix: 'pass the params returned by this module\'s init',
    });
  }
  return p;
}
