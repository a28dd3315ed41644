/**
 * Image sizes of the papers' conv architectures: 32 (CIFAR-10) and 48 (STL-10).
 *
 * @example
 * ```ts
 * const stl: ImageSize = 48;
 * const { generator, discriminator } = rsganCnn({ numFeatures: 64, imageSize: stl });
 * ```
 */
export type ImageSize = 32 | 48;
