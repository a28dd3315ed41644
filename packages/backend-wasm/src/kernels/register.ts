import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { batchMatMulConfig, captureOriginalBatchMatMul } from './batch-mat-mul.js';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropFilterConfig } from './depthwise-conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropInputConfig } from './depthwise-conv2d-backprop-input.js';
import { maxPoolGradConfig } from './max-pool-grad.js';

/**
 * The kernels training needs that tfjs-backend-wasm 4.22 lacks, gets wrong or runs slowly
 * (`BatchMatMul` with transposed operands, in every dense layer's backward pass).
 */
export const TRAINING_KERNELS: readonly KernelConfig[] = [
  conv2dBackpropFilterConfig,
  depthwiseConv2dBackpropFilterConfig,
  depthwiseConv2dBackpropInputConfig,
  maxPoolGradConfig,
  batchMatMulConfig,
];

/**
 * Registers Saddle's wasm training kernels, replacing any kernel tfjs registered under the same
 * name (its `MaxPoolGrad` is wrong on ties; its `BatchMatMul` is kept and called by ours, so it
 * is captured before it is unregistered). Idempotent: a kernel already ours is left as is, so
 * tfjs never warns about a duplicate registration.
 */
export function registerTrainingKernels(): void {
  for (const config of TRAINING_KERNELS) {
    const current: KernelConfig | undefined = getKernel(config.kernelName, config.backendName);
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (config === batchMatMulConfig) {
      if (current === undefined) throw new Error('tfjs-backend-wasm registered no BatchMatMul kernel to wrap');
      captureOriginalBatchMatMul(current);
    }
    if (current !== undefined) unregisterKernel(config.kernelName, config.backendName);
    registerKernel(config);
  }
}
