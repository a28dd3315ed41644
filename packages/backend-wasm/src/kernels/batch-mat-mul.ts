import {
  BatchMatMul,
  type BatchMatMulAttrs,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { withWasmOps } from '../internal/wasm-ops.js';

/** tfjs-backend-wasm's own BatchMatMul, captured when ours replaces it. */
let original: KernelConfig | undefined;

/**
 * Remembers tfjs-backend-wasm's BatchMatMul kernel so the replacement can delegate to it.
 * Called by `registerTrainingKernels` with the kernel it is about to unregister (never ours).
 */
export function captureOriginalBatchMatMul(config: KernelConfig): void {
  if (config.kernelFunc === batchMatMulConfig.kernelFunc) return;
  original = config;
}

/** The last two axes swapped: `[..., r, c]` → `[..., c, r]`. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/**
 * `BatchMatMul` for the wasm backend: C = op(A)·op(B) over broadcast batch axes, where op
 * transposes the last two axes when `transposeA` / `transposeB` is set. tfjs-backend-wasm 4.22's
 * kernel takes a slow path for transposed operands (about 10× a plain product on a [256, 128]
 * pair, the shape of every dense layer's backward pass), so this one transposes those operands
 * with the wasm Transpose kernel first and runs the original kernel untransposed; plain products
 * go straight to the original. Same values up to float32 summation order.
 */
function batchMatMul({ inputs, backend, attrs }: {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: BackendWasm;
  attrs: BatchMatMulAttrs;
}): TensorInfo {
  if (original === undefined) throw new Error('wasm BatchMatMul: the original tfjs kernel was not captured');
  const run = original.kernelFunc;
  const { a, b } = inputs;
  const { transposeA, transposeB } = attrs;
  if (!transposeA && !transposeB) return run({ inputs, backend, attrs: attrs as unknown as NamedAttrMap }) as TensorInfo;
  return withWasmOps(backend, (ops) => {
    const a2 = transposeA ? ops.transpose(a, swapLastTwo(a.shape.length)) : a;
    const b2 = transposeB ? ops.transpose(b, swapLastTwo(b.shape.length)) : b;
    // The product is a fresh result of tfjs's kernel: withWasmOps frees only the transposes.
    return run({ inputs: { a: a2, b: b2 }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } }) as TensorInfo;
  });
}

/**
 * `BatchMatMul` for the wasm backend, replacing tfjs's: transposed operands are transposed
 * explicitly, then tfjs's kernel runs on them untransposed. Its setup and dispose hooks are
 * tfjs's own (they bind the C++ function the original kernel calls).
 */
export const batchMatMulConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: 'wasm',
  kernelFunc: batchMatMul as unknown as KernelFunc,
  setupFunc: (backend) => original?.setupFunc?.(backend),
  disposeFunc: (backend) => original?.disposeFunc?.(backend),
};
