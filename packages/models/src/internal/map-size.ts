import { SaddleError } from '@saddle/core';

/** The first (generator) or last (discriminator) map size imageSize/factor; refuses other sizes. */
export function firstMapSize(imageSize: unknown, factor: number): number {
  if (imageSize !== 32 && imageSize !== 48) {
    throw new SaddleError('image size must be 32 or 48', {
      code: 'INVALID_ARGUMENT', field: 'imageSize', value: imageSize, fix: 'pass 32 (CIFAR-10) or 48 (STL-10)',
    });
  }
  return imageSize / factor;
}
