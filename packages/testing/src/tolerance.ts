import type { BackendSpec } from '@saddle/core';

/**
 * Two-sided closeness: |actual − expected| ≤ atol + rtol·|expected|, elementwise.
 *
 * @example
 * ```ts
 * const tol: Tolerance = { rtol: 1e-5, atol: 1e-6 };
 * await expectTensorClose(actual, expected, tol);
 * ```
 */
export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/**
 * The tolerance that fits a backend's float precision: float32 kernels agree to a few ulps
 * (ε₃₂ ≈ 1.19e-7, so rtol 1e-5 leaves room for reordered sums); float16 (some WebGL GPUs)
 * to about 1e-3.
 *
 * @example
 * ```ts
 * expectTensorClose(actual, expected, toleranceFor(backend));
 * ```
 */
export function toleranceFor(backend: Pick<BackendSpec, 'floatPrecision'>): Tolerance {
  return backend.floatPrecision === 16 ? { rtol: 1e-3, atol: 1e-3 } : { rtol: 1e-5, atol: 1e-6 };
}
