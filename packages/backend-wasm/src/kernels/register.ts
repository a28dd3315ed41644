import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { batchMatMulConfig, captureOriginalBatchMatMul } from './batch-mat-mul.js';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.js';
import { depthwiseConv2dBackpropFilterConfig } from './depthwise-conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropInputConfig } from './depthwise-conv2d-backprop-input.js';
import { captureOriginalReduction, meanConfig, sumConfig } from './leading-axes-reduction.js';
import { maxPoolGradConfig } from './max-pool-grad.js';

/**
 * The kernels training needs that tfjs-backend-wasm 4.22 lacks, gets wrong or runs slowly
 * (`BatchMatMul` with transposed operands, in every dense layer's backward pass;
 * `Conv2DBackpropInput`, a scalar loop in tfjs, in every transposed conv and conv backward pass;
 * `Sum` and `Mean` over leading axes, which tfjs transposes first, in every batch norm).
 */
export const TRAINING_KERNELS: readonly KernelConfig[] = [
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  depthwiseConv2dBackpropFilterConfig,
  depthwiseConv2dBackpropInputConfig,
  maxPoolGradConfig,
  batchMatMulConfig,
  sumConfig,
  meanConfig,
];

/** Replacements that delegate to tfjs's kernel, and how each remembers it before it is unregistered. */
const WRAPPERS = new Map<KernelConfig, (original: KernelConfig) => void>([
  [batchMatMulConfig, captureOriginalBatchMatMul],
  [sumConfig, captureOriginalReduction],
  [meanConfig, captureOriginalReduction],
]);

/**
 * Registers Saddle's wasm training kernels, replacing any kernel tfjs registered under the same
 * name (its `MaxPoolGrad` is wrong on ties; its `Conv2DBackpropInput` is slow; its `BatchMatMul`,
 * `Sum` and `Mean` are kept and called by ours, so they are captured before they are
 * unregistered). Idempotent: a kernel already ours is left as is, so tfjs never warns about a
 * duplicate registration.
 */
export function registerTrainingKernels(): void {
  for (const config of TRAINING_KERNELS) {
    const current: KernelConfig | undefined = getKernel(config.kernelName, config.backendName);
    if (current?.kernelFunc === config.kernelFunc) continue;
    const capture = WRAPPERS.get(config);
    if (capture !== undefined) {
      if (current === undefined) throw new Error(`tfjs-backend-wasm registered no ${config.kernelName} kernel to wrap`);
      capture(current);
    }
    if (current !== undefined) unregisterKernel(config.kernelName, config.backendName);
    registerKernel(config);
  }
}
