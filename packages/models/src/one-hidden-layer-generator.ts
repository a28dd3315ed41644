import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type ApplyOptions, type Module, type Params, type Rng } from '@saddle/core';
import { activation, type ActivationName } from './activations.js';
import { checkLatents, checkWidth } from './internal/apply-context.js';
import { normalInit } from './layers/initializers.js';

/**
 * Which layers of G(z) = V·φ(W z) are trained; the others stay at their initial values (module state).
 *
 * @example
 * ```ts
 * const trained: TrainableLayers = 'both';
 * const g = oneHiddenLayerGenerator({ latentSize: 10, width: 512, outputSize: 20, trainable: trained });
 * ```
 */
export type TrainableLayers = 'hidden' | 'output' | 'both';

/**
 * Options of Balaji et al.'s one-hidden-layer generator.
 *
 * @example
 * ```ts
 * const options: OneHiddenLayerGeneratorOptions = { latentSize: 10, width: 2048, outputSize: 20 }; // k = 2048, W trains
 * const g = oneHiddenLayerGenerator(options);
 * ```
 */
export interface OneHiddenLayerGeneratorOptions {
  /** d: latent size. */
  readonly latentSize: number;
  /** k: hidden width (the overparameterization knob). */
  readonly width: number;
  /** m: data dimension. */
  readonly outputSize: number;
  /** φ (default `relu`). */
  readonly activation?: ActivationName;
  /** Trained layers (default `hidden`: W trains, V is fixed at its random initialisation). */
  readonly trainable?: TrainableLayers;
}

/**
 * The one-hidden-layer generator of Balaji et al.: G(z) = V·φ(W z), W ∈ R^{k×d}, V ∈ R^{m×k}, no biases.
 * Row-batched: G(Z) = φ(Z Wᵀ) Vᵀ with `hidden/kernel` = Wᵀ [d, k] and `output/kernel` = Vᵀ [k, m].
 * Init W ~ N(0, 1/d) (pre-activations of unit scale) and V ~ N(0, 1/k). Layers not in `trainable` are
 * kept in `state`, so gradients with respect to `params` leave them fixed.
 *
 * @example
 * ```ts
 * const g = oneHiddenLayerGenerator({ latentSize: 5, width: 1024, outputSize: 10 });
 * const { params, state } = g.init(createRng(0)); // params: hidden/kernel; state: output/kernel
 * ```
 * @see Balaji et al., "Understanding Overparameterization in Generative Adversarial Networks", 2021
 */
export function oneHiddenLayerGenerator(options: OneHiddenLayerGeneratorOptions): Module<tf.Tensor2D, tf.Tensor2D> {
  const d = checkWidth('latentSize', options.latentSize);
  const k = checkWidth('width', options.width);
  const m = checkWidth('outputSize', options.outputSize);
  const phi = activation(options.activation ?? 'relu');
  const trainable = options.trainable ?? 'hidden';
  if (trainable !== 'hidden' && trainable !== 'output' && trainable !== 'both') {
    throw new SaddleError('unknown choice of trainable layers', {
      code: 'INVALID_ARGUMENT', field: 'trainable', value: trainable, fix: "use 'hidden' (W), 'output' (V) or 'both'",
    });
  }
  const pick = (params: Params, state: Params, name: string): tf.Tensor2D => {
    const t = params[name] ?? state[name];
    if (t === undefined) {
      throw new SaddleError('missing generator weight', { code: 'STRUCTURE_MISMATCH', field: name, fix: "pass the params and state returned by this module's init" });
    }
    return t as tf.Tensor2D;
  };
  return {
    init(rng: Rng) {
      const [wRng, vRng] = rng.split(2) as [Rng, Rng];
      const hidden = normalInit(wRng, [d, k], 0, 1 / Math.sqrt(d));
      const output = normalInit(vRng, [k, m], 0, 1 / Math.sqrt(k));
      const params: Record<string, tf.Tensor> = {};
      const state: Record<string, tf.Tensor> = {};
      (trainable === 'output' ? state : params)['hidden/kernel'] = hidden;
      (trainable === 'hidden' ? state : params)['output/kernel'] = output;
      return { params, state };
    },
    apply(params: Params, state: Params, input: tf.Tensor2D, _options: ApplyOptions) {
      const z = checkLatents(input, d);
      const output = tf.tidy(() => tf.matMul(phi(tf.matMul(z, pick(params, state, 'hidden/kernel'))) as tf.Tensor2D, pick(params, state, 'output/kernel')) as tf.Tensor2D);
      return { output, state };
    },
  };
}
