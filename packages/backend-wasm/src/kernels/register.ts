import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropFilterConfig } from './depthwise-conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropInputConfig } from './depthwise-conv2d-backprop-input.js';
import { maxPoolGradConfig } from './max-pool-grad.js';

/** The kernels conv-net training needs that tfjs-backend-wasm 4.22 lacks or gets wrong. */
export const TRAINING_KERNELS: readonly KernelConfig[] = [
  conv2dBackpropFilterConfig,
  depthwiseConv2dBackpropFilterConfig,
  depthwiseConv2dBackpropInputConfig,
  maxPoolGradConfig,
];

/**
 * Registers Saddle's wasm training kernels, replacing any kernel tfjs registered under the same
 * name (its `MaxPoolGrad` is wrong on ties). Idempotent: a kernel already ours is left as is, so
 * tfjs never warns about a duplicate registration.
 */
export function registerTrainingKernels(): void {
  for (const config of TRAINING_KERNELS) {
    const current: KernelConfig | undefined = getKernel(config.kernelName, config.backendName);
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current !== undefined) unregisterKernel(config.kernelName, config.backendName);
    registerKernel(config);
  }
}
