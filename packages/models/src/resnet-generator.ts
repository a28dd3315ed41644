import * as tf from '@tensorflow/tfjs-core';
import type { ApplyOptions, Params, Rng } from '@saddle/core';
import type { Architecture } from './architecture.js';
import { ApplyContext, checkLatents, checkWidth } from './internal/apply-context.js';
import type { ImageSize } from './image-size.js';
import { firstMapSize } from './internal/map-size.js';
import { initLayers } from './internal/layer-list.js';
import type { LayerSpec } from './layer-spec.js';
import { upsampleBilinear2x } from './layers/upsample.js';

/**
 * Options of the SNGAN-style ResNet generator.
 *
 * @example
 * ```ts
 * const options: ResNetGeneratorOptions = { numFeatures: 128, bottleneck: true }; // Table 2's "bottleneck" G
 * const g = resNetGenerator(options);
 * ```
 */
export interface ResNetGeneratorOptions {
  /** F: at 32, every block has F channels (256 regular); at 48 the blocks go 8F→4F→2F→F (64 regular). */
  readonly numFeatures: number;
  /** 32 (bottom width 4) or 48 (bottom width 6); default 32. */
  readonly imageSize?: ImageSize;
  /** Hidden channels of each block are out/2 instead of out (default false). */
  readonly bottleneck?: boolean;
  /** Latent size (default 128). */
  readonly latentSize?: number;
}

/**
 * The SNGAN-style ResNet generator of RS-GAN's `networks.py` (`ResNetGenerator32` / `48`), NHWC:
 * z → Linear(d → c₀·b·b) → reshape to c₀×b×b (PyTorch's NCHW view) → three up-blocks → BN → ReLU →
 * Conv 1×1 → tanh, with b = imageSize/8. An up-block in→out with hidden h (= out, or out/2 with
 * `bottleneck`) computes
 *   y = Conv1×1(up(x)) + Conv3×3_{h→out}(ReLU(BN(Conv3×3_{in→h}(up(ReLU(BN(x))))))),
 * where up is bilinear ×2 with PyTorch's align_corners=False. PyTorch default initialisation.
 * Output [n, imageSize, imageSize, 3] in (−1, 1).
 *
 * @example
 * ```ts
 * const g = resNetGenerator({ numFeatures: 64 }); // 367,235 parameters
 * const { output } = g.apply(params, state, z, { training: false }); // [n, 32, 32, 3]
 * ```
 * @see Miyato et al., "Spectral Normalization for Generative Adversarial Networks", 2018
 */
export function resNetGenerator(options: ResNetGeneratorOptions): Architecture<tf.Tensor2D, tf.Tensor4D> {
  const imageSize = options.imageSize ?? 32;
  const b = firstMapSize(imageSize, 8);
  const bottleneck = options.bottleneck ?? false;
  const f = checkWidth('numFeatures', options.numFeatures, bottleneck ? 2 : 1);
  const latent = checkWidth('latentSize', options.latentSize ?? 128);
  const widths = imageSize === 32 ? [f, f, f, f] : [8 * f, 4 * f, 2 * f, f];
  const layers: LayerSpec[] = [
    { kind: 'linear', name: 'l1', torch: 'l1', in: latent, out: (widths[0] as number) * b * b, bias: true, spectralNorm: false, init: 'torch' },
  ];
  for (let i = 0; i < 3; i++) {
    const cin = widths[i] as number;
    const cout = widths[i + 1] as number;
    const h = bottleneck ? cout / 2 : cout;
    const block = `block${i + 2}`;
    const conv = (name: string, a: number, o: number, k: number): LayerSpec =>
      ({ kind: 'conv', name: `${block}/${name}`, torch: `${block}.${name}`, in: a, out: o, k, bias: true, spectralNorm: false, init: 'torch' });
    layers.push(conv('c1', cin, h, 3), conv('c2', h, cout, 3),
      { kind: 'batchNorm', name: `${block}/b1`, torch: `${block}.b1`, channels: cin },
      { kind: 'batchNorm', name: `${block}/b2`, torch: `${block}.b2`, channels: h },
      conv('c_sc', cin, cout, 1));
  }
  layers.push({ kind: 'batchNorm', name: 'b5', torch: 'b5', channels: f },
    { kind: 'conv', name: 'conv5', torch: 'conv5', in: f, out: 3, k: 1, bias: true, spectralNorm: false, init: 'torch' });

  return {
    name: `ResNetGenerator${imageSize}(numFeatures=${f}${bottleneck ? ', bottleneck' : ''})`,
    layers,
    init: (rng: Rng) => initLayers(layers, rng),
    apply(params: Params, state: Params, input: tf.Tensor2D, { training }: ApplyOptions) {
      const z = checkLatents(input, latent);
      return tf.tidy(() => {
        const ctx = new ApplyContext(params, state, training);
        let x = tf.transpose(tf.reshape(ctx.linear('l1', z), [-1, widths[0] as number, b, b]), [0, 2, 3, 1]) as tf.Tensor4D;
        for (let i = 2; i <= 4; i++) {
          const shortcut = ctx.conv(`block${i}/c_sc`, upsampleBilinear2x(x), { stride: 1, padding: 0 });
          let h = upsampleBilinear2x(tf.relu(ctx.batchNorm(`block${i}/b1`, x)));
          h = ctx.conv(`block${i}/c1`, h, { stride: 1, padding: 1 });
          h = ctx.conv(`block${i}/c2`, tf.relu(ctx.batchNorm(`block${i}/b2`, h)), { stride: 1, padding: 1 });
          x = tf.add(shortcut, h);
        }
        const output = tf.tanh(ctx.conv('conv5', tf.relu(ctx.batchNorm('b5', x)), { stride: 1, padding: 0 }));
        return { output, state: ctx.newState };
      });
    },
  };
}
