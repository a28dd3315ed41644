import * as tf from '@tensorflow/tfjs-core';
import type { Params, Rng, ApplyOptions } from '@saddle/core';
import type { Architecture } from './architecture.js';
import { ApplyContext, checkLatents, checkWidth } from './internal/apply-context.js';
import { initLayers } from './internal/layer-list.js';
import type { LayerSpec } from './layer-spec.js';
import type { ImageSize } from './image-size.js';
import { firstMapSize } from './internal/map-size.js';

/**
 * Options of the RS-GAN / SNGAN CNN generator.
 *
 * @example
 * ```ts
 * const options: CnnGeneratorOptions = { numFeatures: 32, imageSize: 48 }; // channel/2 at STL-10 size
 * const g = cnnGenerator(options);
 * ```
 */
export interface CnnGeneratorOptions {
  /** F: the last hidden map has F channels, the first 8F (64 in the paper's regular net; 32, 16 for /2, /4). */
  readonly numFeatures: number;
  /** 32 (CIFAR-10, first map 4×4) or 48 (STL-10, first map 6×6); default 32. */
  readonly imageSize?: ImageSize;
  /** Latent size (default 128). */
  readonly latentSize?: number;
}

/**
 * The CNN generator of RS-GAN's `networks.py` (`DCGenerator32`), NHWC:
 * z → Linear(d → 8F·s·s) → reshape to 8F×s×s (PyTorch's NCHW view) → [ConvT 4×4 s2 p1, BN, ReLU] with
 * 8F→4F→2F→F → Conv 3×3 p1 F→3 → tanh, with s = imageSize/8. Linear and Conv weights are xavier-uniform
 * (the repo's `init_xavierunif_weights`), ConvT weights and all biases PyTorch's defaults.
 * Output [n, imageSize, imageSize, 3] in (−1, 1).
 *
 * @example
 * ```ts
 * const g = cnnGenerator({ numFeatures: 16 }); // 436,995 parameters
 * const { params, state } = g.init(createRng(0));
 * const { output } = g.apply(params, state, z, { training: false }); // [n, 32, 32, 3]
 * ```
 * @see Sun, Fang and Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function cnnGenerator(options: CnnGeneratorOptions): Architecture<tf.Tensor2D, tf.Tensor4D> {
  const f = checkWidth('numFeatures', options.numFeatures);
  const s = firstMapSize(options.imageSize ?? 32, 8);
  const latent = checkWidth('latentSize', options.latentSize ?? 128);
  const widths = [8 * f, 4 * f, 2 * f, f];
  const layers: LayerSpec[] = [
    { kind: 'linear', name: 'l1', torch: 'l1', in: latent, out: 8 * f * s * s, bias: true, spectralNorm: false, init: 'xavierUniform' },
  ];
  for (let i = 1; i <= 3; i++) {
    layers.push({ kind: 'convTranspose', name: `deconv${i}`, torch: `deconv${i}`, in: widths[i - 1] as number, out: widths[i] as number, k: 4, bias: true, init: 'torch' });
    layers.push({ kind: 'batchNorm', name: `deconv${i}_bn`, torch: `deconv${i}_bn`, channels: widths[i] as number });
  }
  layers.push({ kind: 'conv', name: 'conv4', torch: 'conv4', in: f, out: 3, k: 3, bias: true, spectralNorm: false, init: 'xavierUniform' });

  return {
    name: `DCGenerator${s * 8}(numFeatures=${f})`,
    layers,
    init: (rng: Rng) => initLayers(layers, rng),
    apply(params: Params, state: Params, input: tf.Tensor2D, { training }: ApplyOptions) {
      const z = checkLatents(input, latent);
      return tf.tidy(() => {
        const ctx = new ApplyContext(params, state, training);
        let h = tf.transpose(tf.reshape(ctx.linear('l1', z), [-1, 8 * f, s, s]), [0, 2, 3, 1]) as tf.Tensor4D;
        for (let i = 1; i <= 3; i++) {
          h = tf.relu(ctx.batchNorm(`deconv${i}_bn`, ctx.convTranspose(`deconv${i}`, h, { stride: 2, padding: 1 })));
        }
        const output = tf.tanh(ctx.conv('conv4', h, { stride: 1, padding: 1 }));
        return { output, state: ctx.newState };
      });
    },
  };
}
