import * as tf from '@tensorflow/tfjs-core';
import type { ApplyOptions, Params, Rng } from '@saddle/core';
import type { Architecture } from './architecture.js';
import { ApplyContext, checkImages, checkWidth } from './internal/apply-context.js';
import type { ImageSize } from './image-size.js';
import { firstMapSize } from './internal/map-size.js';
import { initLayers } from './internal/layer-list.js';
import type { LayerSpec } from './layer-spec.js';
import { leakyRelu } from './layers/leaky-relu.js';

/**
 * Options of the SN-CNN discriminator.
 *
 * @example
 * ```ts
 * const options: SnCnnDiscriminatorOptions = { numFeatures: 16 }; // channel/4 at 32×32
 * const d = snCnnDiscriminator(options);
 * ```
 */
export interface SnCnnDiscriminatorOptions {
  /** F: channels F, F, 2F, 2F, 4F, 4F, 8F. */
  readonly numFeatures: number;
  /** 32 or 48 (default 32). */
  readonly imageSize?: ImageSize;
}

/**
 * Negative slope of the RS-GAN discriminators' leaky ReLU.
 *
 * @example
 * ```ts
 * const features = leakyRelu(conv2d(x, kernel, bias, { stride: 1, padding: 1 }), RSGAN_LEAKY_SLOPE); // LeakyReLU(0.1)
 * ```
 */
export const RSGAN_LEAKY_SLOPE = 0.1;

/**
 * The SN-CNN discriminator of RS-GAN's `networks.py` (`SNDCDiscriminator32`), NHWC input: seven
 * spectrally normalised convs, each followed by LeakyReLU(0.1) — 3×3 s1 3→F, 4×4 s2 F→F, 3×3 F→2F,
 * 4×4 s2 2F→2F, 3×3 2F→4F, 4×4 s2 4F→4F, 3×3 4F→8F (padding 1) — then, flattened in PyTorch's NCHW
 * order, an SN linear 8F·s·s → 1 without bias (s = imageSize/8). Weights orthogonal, biases PyTorch's
 * default. Output: logits [n, 1].
 *
 * @example
 * ```ts
 * const d = snCnnDiscriminator({ numFeatures: 64 });
 * const { output: logits, state: next } = d.apply(params, state, images, { training: true });
 * ```
 * @see Miyato et al., "Spectral Normalization for Generative Adversarial Networks", 2018
 */
export function snCnnDiscriminator(options: SnCnnDiscriminatorOptions): Architecture<tf.Tensor4D, tf.Tensor2D> {
  const f = checkWidth('numFeatures', options.numFeatures);
  const imageSize = options.imageSize ?? 32;
  const s = firstMapSize(imageSize, 8);
  const convs: [number, number, number][] = [[3, f, 3], [f, f, 4], [f, 2 * f, 3], [2 * f, 2 * f, 4], [2 * f, 4 * f, 3], [4 * f, 4 * f, 4], [4 * f, 8 * f, 3]];
  const layers: LayerSpec[] = convs.map(([cin, cout, k], i) => ({
    kind: 'conv', name: `conv${i + 1}`, torch: `conv${i + 1}`, in: cin, out: cout, k, bias: true, spectralNorm: true, init: 'orthogonal',
  }));
  layers.push({ kind: 'linear', name: 'proj', torch: 'proj', in: 8 * f * s * s, out: 1, bias: false, spectralNorm: true, init: 'orthogonal' });

  return {
    name: `SNDCDiscriminator${imageSize}(numFeatures=${f})`,
    layers,
    init: (rng: Rng) => initLayers(layers, rng),
    apply(params: Params, state: Params, input: tf.Tensor4D, { training }: ApplyOptions) {
      const x = checkImages(input, imageSize, 3);
      return tf.tidy(() => {
        const ctx = new ApplyContext(params, state, training);
        let h = x;
        convs.forEach(([, , k], i) => {
          h = leakyRelu(ctx.conv(`conv${i + 1}`, h, { stride: k === 4 ? 2 : 1, padding: 1 }), RSGAN_LEAKY_SLOPE) as tf.Tensor4D;
        });
        const flat = tf.reshape(tf.transpose(h, [0, 3, 1, 2]), [h.shape[0], -1]);
        return { output: ctx.linear('proj', flat), state: ctx.newState };
      });
    },
  };
}
