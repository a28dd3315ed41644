import type * as tf from '@tensorflow/tfjs-core';
import type { Module } from '@saddle/core';
import { countLayerParams } from './internal/layer-list.js';
import type { LayerSpec } from './layer-spec.js';

/**
 * A `Module` described by its parameterised layers, so its parameter count and its PyTorch
 * `state_dict` mapping come from the same list as its `init`.
 *
 * @example
 * ```ts
 * const g: Architecture<tf.Tensor2D, tf.Tensor4D> = resNetGenerator({ numFeatures: 64 });
 * console.log(g.name, parameterCount(g)); // ResNetGenerator32(numFeatures=64) 367235
 * const { params, state } = g.init(createRng(0));
 * ```
 */
export interface Architecture<I extends tf.Tensor = tf.Tensor, O extends tf.Tensor = tf.Tensor> extends Module<I, O> {
  /** What it is, e.g. `"DCGenerator32(numFeatures=16)"`, for errors and reports. */
  readonly name: string;
  /** Every parameterised layer, with its Saddle and PyTorch names. */
  readonly layers: readonly LayerSpec[];
}

/**
 * The number of trainable parameters, Σ over layers of kernel + bias (+ γ, β for batch norm): PyTorch's
 * `sum(p.numel() for p in module.parameters())`. Spectral-norm vectors and running statistics are
 * buffers (state), not counted. Nothing is allocated.
 *
 * @example
 * ```ts
 * parameterCount(cnnGenerator({ numFeatures: 16 })); // 436995
 * ```
 */
export function parameterCount(architecture: Pick<Architecture, 'layers'>): number {
  return countLayerParams(architecture.layers);
}
