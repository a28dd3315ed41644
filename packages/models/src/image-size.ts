/** Image sizes of the papers' conv architectures: 32 (CIFAR-10) and 48 (STL-10). */
export type ImageSize = 32 | 48;
