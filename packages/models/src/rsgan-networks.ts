import type * as tf from '@tensorflow/tfjs-core';
import type { Architecture } from './architecture.js';
import { cnnGenerator } from './cnn-generator.js';
import type { ImageSize } from './image-size.js';
import { resNetGenerator } from './resnet-generator.js';
import { snCnnDiscriminator } from './sn-cnn-discriminator.js';
import { snResNetDiscriminator } from './sn-resnet-discriminator.js';

/**
 * A generator and a discriminator built together.
 *
 * @example
 * ```ts
 * const { generator, discriminator }: GanArchitectures = rsganResNet({ numFeatures: 256 });
 * const size = parameterCount(generator) + parameterCount(discriminator); // 5,357,443: Table 2's 100%
 * ```
 */
export interface GanArchitectures {
  readonly generator: Architecture<tf.Tensor2D, tf.Tensor4D>;
  readonly discriminator: Architecture<tf.Tensor4D, tf.Tensor2D>;
}

/**
 * The CNN pair of RS-GAN's `getGD_SN(structure='dcgan')`: `cnnGenerator` and `snCnnDiscriminator`
 * with the same F. F = 64 is the paper's regular net; 32 and 16 are "channel/2" and "channel/4"
 * (29.0% and 9.2% of the regular G+D parameters).
 *
 * @example
 * ```ts
 * const { generator, discriminator } = rsganCnn({ numFeatures: 32 }); // channel/2 at 32×32
 * ```
 * @see Sun, Fang and Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function rsganCnn(options: { numFeatures: number; imageSize?: ImageSize }): GanArchitectures {
  return { generator: cnnGenerator(options), discriminator: snCnnDiscriminator(options) };
}

/**
 * The ResNet pair of RS-GAN's `getGD_SN(structure='resnet')`: at 32 the discriminator has F/2 channels
 * (⌊F/2⌋ as the repo passes `num_features//2`), at 48 it has F. F = 256 (32) or 64 (48) is the regular net.
 *
 * @example
 * ```ts
 * const { generator, discriminator } = rsganResNet({ numFeatures: 128, bottleneck: true }); // 16.8% of regular
 * ```
 * @see Sun, Fang and Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function rsganResNet(options: { numFeatures: number; imageSize?: ImageSize; bottleneck?: boolean }): GanArchitectures {
  const imageSize = options.imageSize ?? 32;
  const dFeatures = imageSize === 32 ? Math.floor(options.numFeatures / 2) : options.numFeatures;
  return {
    generator: resNetGenerator(options),
    discriminator: snResNetDiscriminator({ ...options, numFeatures: dFeatures }),
  };
}
