import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type ApplyOptions, type Params, type Rng } from '@saddle/core';
import type { Architecture } from './architecture.js';
import { ApplyContext, checkImages, checkLatents, checkWidth } from './internal/apply-context.js';
import { initLayers } from './internal/layer-list.js';
import type { LayerSpec } from './layer-spec.js';
import { leakyRelu } from './layers/leaky-relu.js';
import type { GanArchitectures } from './rsgan-networks.js';

/**
 * Options of the DCGAN pair with width k.
 *
 * @example
 * ```ts
 * const options: DcganOptions = { width: 128, imageSize: 64 }; // k = 128, twice the standard DCGAN
 * const { generator, discriminator } = dcgan(options);
 * ```
 */
export interface DcganOptions {
  /** k: channels of the widest-resolution conv (64 is the standard DCGAN; larger is more overparameterized). */
  readonly width: number;
  /** 32 (three stride-2 stages) or 64 (four); default 32. */
  readonly imageSize?: 32 | 64;
  /** Latent size (default 100, as DCGAN). */
  readonly latentSize?: number;
}

/**
 * Negative slope of DCGAN's discriminator activations.
 *
 * @example
 * ```ts
 * const h = leakyRelu(x, DCGAN_LEAKY_SLOPE); // DCGAN's LeakyReLU(0.2)
 * ```
 */
export const DCGAN_LEAKY_SLOPE = 0.2;

/**
 * DCGAN (Radford et al.; PyTorch's `examples/dcgan`, bias-free) with width k, NHWC:
 * - G: z → ConvT 4×4 s1 p0 d→2^{L−1}k, BN, ReLU → L−1 × [ConvT 4×4 s2 p1 halving channels, BN, ReLU]
 *   → ConvT 4×4 s2 p1 k→3 → tanh;
 * - D: Conv 4×4 s2 p1 3→k, LReLU(0.2) → L−1 × [Conv 4×4 s2 p1 doubling channels, BN, LReLU(0.2)]
 *   → Conv 4×4 s1 p0 → logits [n, 1] (no sigmoid: pass the logits to a `GanLoss`);
 * with L = 3 stages at 32×32 and 4 at 64×64; weights N(0, 0.02²), BN γ ~ N(1, 0.02²), β = 0.
 * This is the overparameterization sweep's width knob; Balaji et al.'s exact Fig. 8 layers are not
 * verified (papers.md §1.3), so treat k-sweeps as the standard DCGAN widened.
 *
 * @example
 * ```ts
 * const { generator, discriminator } = dcgan({ width: 128 }); // 2× the standard k = 64
 * ```
 * @see Radford, Metz and Chintala, "Unsupervised Representation Learning with Deep Convolutional GANs", 2016
 * @see Balaji et al., "Understanding Overparameterization in Generative Adversarial Networks", 2021
 */
export function dcgan(options: DcganOptions): GanArchitectures {
  const k = checkWidth('width', options.width);
  const imageSize = options.imageSize ?? 32;
  if (imageSize !== 32 && imageSize !== 64) {
    throw new SaddleError('DCGAN image size must be 32 or 64', { code: 'INVALID_ARGUMENT', field: 'imageSize', value: imageSize, fix: 'pass 32 or 64' });
  }
  const latent = checkWidth('latentSize', options.latentSize ?? 100);
  const stages = imageSize === 32 ? 3 : 4;
  const gWidths = Array.from({ length: stages }, (_, i) => k * 2 ** (stages - 1 - i)); // e.g. 4k, 2k, k
  const gLayers: LayerSpec[] = [];
  const gIn = [latent, ...gWidths];
  const gOut = [...gWidths, 3];
  gOut.forEach((out, i) => {
    gLayers.push({ kind: 'convTranspose', name: `main/${3 * i}`, torch: `main.${3 * i}`, in: gIn[i] as number, out, k: 4, bias: false, init: 'dcgan' });
    if (i < stages) gLayers.push({ kind: 'batchNorm', name: `main/${3 * i + 1}`, torch: `main.${3 * i + 1}`, channels: out, init: 'dcgan' });
  });
  const dWidths = [...gWidths].reverse(); // k, 2k, 4k
  const dLayers: LayerSpec[] = [];
  let t = 0;
  dWidths.forEach((out, i) => {
    dLayers.push({ kind: 'conv', name: `main/${t}`, torch: `main.${t}`, in: i === 0 ? 3 : (dWidths[i - 1] as number), out, k: 4, bias: false, spectralNorm: false, init: 'dcgan' });
    if (i > 0) dLayers.push({ kind: 'batchNorm', name: `main/${t + 1}`, torch: `main.${t + 1}`, channels: out, init: 'dcgan' });
    t += i > 0 ? 3 : 2;
  });
  const headName = `main/${t}`;
  dLayers.push({ kind: 'conv', name: headName, torch: `main.${t}`, in: dWidths[stages - 1] as number, out: 1, k: 4, bias: false, spectralNorm: false, init: 'dcgan' });

  const generator: Architecture<tf.Tensor2D, tf.Tensor4D> = {
    name: `DCGAN-G${imageSize}(width=${k})`,
    layers: gLayers,
    init: (rng: Rng) => initLayers(gLayers, rng),
    apply(params: Params, state: Params, input: tf.Tensor2D, { training }: ApplyOptions) {
      const z = checkLatents(input, latent);
      return tf.tidy(() => {
        const ctx = new ApplyContext(params, state, training);
        let h = tf.reshape(z, [-1, 1, 1, latent]) as tf.Tensor4D;
        for (let i = 0; i <= stages; i++) {
          h = ctx.convTranspose(`main/${3 * i}`, h, i === 0 ? { stride: 1, padding: 0 } : { stride: 2, padding: 1 });
          h = i < stages ? tf.relu(ctx.batchNorm(`main/${3 * i + 1}`, h)) : tf.tanh(h);
        }
        return { output: h, state: ctx.newState };
      });
    },
  };
  const discriminator: Architecture<tf.Tensor4D, tf.Tensor2D> = {
    name: `DCGAN-D${imageSize}(width=${k})`,
    layers: dLayers,
    init: (rng: Rng) => initLayers(dLayers, rng),
    apply(params: Params, state: Params, input: tf.Tensor4D, { training }: ApplyOptions) {
      const x = checkImages(input, imageSize, 3);
      return tf.tidy(() => {
        const ctx = new ApplyContext(params, state, training);
        let h = x;
        dLayers.forEach((layer, i) => {
          h = layer.kind === 'batchNorm' ? ctx.batchNorm(layer.name, h)
            : ctx.conv(layer.name, h, layer.name === headName ? { stride: 1, padding: 0 } : { stride: 2, padding: 1 });
          // LReLU after each stage: after its batch norm if it has one, and never after the head.
          if (layer.name !== headName && dLayers[i + 1]?.kind !== 'batchNorm') h = leakyRelu(h, DCGAN_LEAKY_SLOPE) as tf.Tensor4D;
        });
        return { output: tf.reshape(h, [-1, 1]), state: ctx.newState };
      });
    },
  };
  return { generator, discriminator };
}
