import * as tf from '@tensorflow/tfjs-core';
import type { ApplyOptions, Params, Rng } from '@saddle/core';
import type { Architecture } from './architecture.js';
import { ApplyContext, checkImages, checkWidth } from './internal/apply-context.js';
import type { ImageSize } from './image-size.js';
import { firstMapSize } from './internal/map-size.js';
import { initLayers } from './internal/layer-list.js';
import type { LayerSpec } from './layer-spec.js';
import { leakyRelu } from './layers/leaky-relu.js';
import { avgPool2x, globalSumPool } from './layers/pooling.js';
import { RSGAN_LEAKY_SLOPE } from './sn-cnn-discriminator.js';

/**
 * Options of the SNGAN-style ResNet discriminator.
 *
 * @example
 * ```ts
 * const options: SnResNetDiscriminatorOptions = { numFeatures: 64, imageSize: 48 }; // the regular STL-10 D
 * const d = snResNetDiscriminator(options);
 * ```
 */
export interface SnResNetDiscriminatorOptions {
  /** F of this network: at 32 every block has F channels; at 48 they go F→2F→4F→8F→16F. */
  readonly numFeatures: number;
  /** 32 (4 blocks) or 48 (5 blocks); default 32. */
  readonly imageSize?: ImageSize;
  /** Hidden channels halved in every block (default false). */
  readonly bottleneck?: boolean;
}

/**
 * The SNGAN-style ResNet discriminator of RS-GAN's `networks.py` (`SNResNetProjectionDiscriminator32` /
 * `48`, unconditional), NHWC input, act = LeakyReLU(0.1), every conv and the head spectrally normalised:
 * - block1 (optimized) 3→F: y = Conv1×1(pool(x)) + pool(Conv3×3(act(Conv3×3(x))));
 * - down-blocks in→out: y = pool(Conv1×1(x)) + pool(Conv3×3(act(Conv3×3(act(x)))));
 * - head: logits = ⟨w, Σ_{h,w} act(x)⟩ (SN linear, no bias).
 * pool is 2×2 average pooling; hidden channels are out (optimized block) or in (down-blocks), halved
 * with `bottleneck`. Weights orthogonal, biases PyTorch's default. Output: logits [n, 1].
 *
 * @example
 * ```ts
 * const d = snResNetDiscriminator({ numFeatures: 128 }); // the regular CIFAR-10 D (G has 256)
 * ```
 * @see Miyato et al., "Spectral Normalization for Generative Adversarial Networks", 2018
 */
export function snResNetDiscriminator(options: SnResNetDiscriminatorOptions): Architecture<tf.Tensor4D, tf.Tensor2D> {
  const imageSize = options.imageSize ?? 32;
  firstMapSize(imageSize, 8);
  const bottleneck = options.bottleneck ?? false;
  const f = checkWidth('numFeatures', options.numFeatures, bottleneck ? 2 : 1);
  const widths = imageSize === 32 ? [3, f, f, f, f] : [3, f, 2 * f, 4 * f, 8 * f, 16 * f];
  const blocks = widths.length - 1;
  const layers: LayerSpec[] = [];
  for (let i = 1; i <= blocks; i++) {
    const cin = widths[i - 1] as number;
    const cout = widths[i] as number;
    const hidden = i === 1 ? cout : cin;
    const h = bottleneck ? Math.floor(hidden / 2) : hidden;
    const conv = (name: string, a: number, o: number, k: number): LayerSpec =>
      ({ kind: 'conv', name: `block${i}/${name}`, torch: `block${i}.${name}`, in: a, out: o, k, bias: true, spectralNorm: true, init: 'orthogonal' });
    layers.push(conv('c1', cin, h, 3), conv('c2', h, cout, 3), conv('c_sc', cin, cout, 1));
  }
  const last = widths[blocks] as number;
  layers.push({ kind: 'linear', name: 'proj', torch: 'proj', in: last, out: 1, bias: false, spectralNorm: true, init: 'orthogonal' });
  const same = { stride: 1, padding: 1 };
  const pointwise = { stride: 1, padding: 0 };

  return {
    name: `SNResNetProjectionDiscriminator${imageSize}(numFeatures=${f}${bottleneck ? ', bottleneck' : ''})`,
    layers,
    init: (rng: Rng) => initLayers(layers, rng),
    apply(params: Params, state: Params, input: tf.Tensor4D, { training }: ApplyOptions) {
      const x0 = checkImages(input, imageSize, 3);
      const act = (t: tf.Tensor4D): tf.Tensor4D => leakyRelu(t, RSGAN_LEAKY_SLOPE) as tf.Tensor4D;
      return tf.tidy(() => {
        const ctx = new ApplyContext(params, state, training);
        let x = x0;
        for (let i = 1; i <= blocks; i++) {
          const c = (name: string, t: tf.Tensor4D, g = same): tf.Tensor4D => ctx.conv(`block${i}/${name}`, t, g);
          x = i === 1
            ? tf.add(c('c_sc', avgPool2x(x), pointwise), avgPool2x(c('c2', act(c('c1', x)))))
            : tf.add(avgPool2x(c('c_sc', x, pointwise)), avgPool2x(c('c2', act(c('c1', act(x))))));
        }
        return { output: ctx.linear('proj', globalSumPool(act(x))), state: ctx.newState };
      });
    },
  };
}
