import * as tf from '@tensorflow/tfjs-core';
import type { Params, Rng } from '@saddle/core';
import type { LayerSpec } from '../layer-spec.js';
import { normalInit, orthogonal, torchDefaultUniform, xavierUniform } from '../layers/initializers.js';
import { spectralNormInit } from '../layers/spectral-norm.js';

/** Saddle's kernel shape of a weighted layer. */
export function kernelShape(layer: Exclude<LayerSpec, { kind: 'batchNorm' }>): number[] {
  switch (layer.kind) {
    case 'linear': return [layer.in, layer.out];
    case 'conv': return [layer.k, layer.k, layer.in, layer.out];
    case 'convTranspose': return [layer.k, layer.k, layer.out, layer.in];
  }
}

/** PyTorch's fan-in: `weight.size(1)·k²`, which for ConvTranspose2d is the *output* channel count. */
function torchFanIn(layer: Exclude<LayerSpec, { kind: 'batchNorm' }>): number {
  switch (layer.kind) {
    case 'linear': return layer.in;
    case 'conv': return layer.in * layer.k * layer.k;
    case 'convTranspose': return layer.out * layer.k * layer.k;
  }
}

/** Trainable parameter count of a layer list (PyTorch's `sum(p.numel() for p in parameters())`). */
export function countLayerParams(layers: readonly LayerSpec[]): number {
  let total = 0;
  for (const layer of layers) {
    if (layer.kind === 'batchNorm') {
      total += 2 * layer.channels;
      continue;
    }
    total += kernelShape(layer).reduce((a, b) => a * b, 1);
    if (layer.bias) total += layer.out;
  }
  return total;
}

/** Allocates every layer's params and state; layer i draws from the i-th split of `rng`. */
export function initLayers(layers: readonly LayerSpec[], rng: Rng): { params: Params; state: Params } {
  const params: Record<string, tf.Tensor> = {};
  const state: Record<string, tf.Tensor> = {};
  const rngs = rng.split(layers.length);
  layers.forEach((layer, i) => {
    const [wRng, bRng, snRng] = (rngs[i] as Rng).split(3) as [Rng, Rng, Rng];
    if (layer.kind === 'batchNorm') {
      params[`${layer.name}/gamma`] = layer.init === 'dcgan' ? normalInit(wRng, [layer.channels], 1, 0.02) : tf.ones([layer.channels]);
      params[`${layer.name}/beta`] = tf.zeros([layer.channels]);
      state[`${layer.name}/runningMean`] = tf.zeros([layer.channels]);
      state[`${layer.name}/runningVar`] = tf.ones([layer.channels]);
      return;
    }
    const shape = kernelShape(layer);
    const fanIn = torchFanIn(layer);
    const init = layer.init;
    const receptive = layer.kind === 'linear' ? 1 : layer.k * layer.k;
    params[`${layer.name}/kernel`] =
      init === 'dcgan' ? normalInit(wRng, shape, 0, 0.02)
        : init === 'orthogonal' ? orthogonal(wRng, shape)
        : init === 'xavierUniform' ? xavierUniform(wRng, shape, layer.in * receptive, layer.out * receptive)
          : torchDefaultUniform(wRng, shape, fanIn);
    if (layer.bias) params[`${layer.name}/bias`] = torchDefaultUniform(bRng, [layer.out], fanIn);
    if (layer.kind !== 'convTranspose' && layer.spectralNorm) {
      const { u, v } = spectralNormInit(snRng, shape);
      state[`${layer.name}/u`] = u;
      state[`${layer.name}/v`] = v;
    }
  });
  return { params, state };
}
