import { SaddleError } from '@saddle/core';
import { addDiagonal, matMul, trace } from './internal/dense.js';
import { sqrtmDenmanBeavers } from './internal/sqrtm.js';
import { symmetricEigen } from './internal/symmetric-eigen.js';
import type { FeatureStatistics } from './statistics.js';

/** How `frechetDistance` takes Tr((Σ₁Σ₂)^{1/2}). */
export type TraceSqrtMethod = 'eigh' | 'sqrtm';

/** Options of `frechetDistance`. */
export interface FrechetDistanceOptions {
  /**
   * `'eigh'` (default): two symmetric eigendecompositions, exact for rank-deficient Σ.
   * `'sqrtm'`: pytorch-fid's route, a square root of the product Σ₁Σ₂ (Denman–Beavers), retried
   * with 1e-6·I added to both covariances when it does not converge (pytorch-fid retries when
   * scipy's root is not finite). A cross-check: slower, and the retry that n < d needs biases FID
   * (by 1.8e-3 on a 16-d test case).
   */
  readonly method?: TraceSqrtMethod;
}

/** What `frechetDistance` measured, and under which protocol. */
export interface FrechetDistance {
  readonly value: number;
  /** ‖μ₁ − μ₂‖². */
  readonly meanTerm: number;
  /** Tr Σ₁ + Tr Σ₂ − 2 Tr((Σ₁Σ₂)^{1/2}). */
  readonly covarianceTerm: number;
  readonly protocol: {
    readonly metric: 'fid';
    readonly extractor?: string;
    readonly featureSize: number;
    readonly nReal: number;
    readonly nFake: number;
    readonly method: TraceSqrtMethod;
    /** ε added to both covariances' diagonals by the sqrtm retry (0 when not needed). */
    readonly offset: number;
  };
}

/**
 * The Fréchet distance between two Gaussians fitted to feature sets (FID when the features are
 * the Inception pool3 features), in float64:
 * FID = ‖μ₁ − μ₂‖² + Tr Σ₁ + Tr Σ₂ − 2 Tr((Σ₁Σ₂)^{1/2}).
 * Σ₁Σ₂ is similar to the PSD matrix M = Σ₁^{1/2} Σ₂ Σ₁^{1/2}, so by default
 * Tr((Σ₁Σ₂)^{1/2}) = Σᵢ √max(0, λᵢ(M)), with Σ₁^{1/2} from a symmetric eigendecomposition;
 * eigenvalues below d·ε·λ_max (round-off, including negatives) count as 0. No complex
 * arithmetic, and accurate for the rank-deficient covariances of n < d samples. FID is biased upward for small n: compare only equal n.
 * Refuses statistics of different feature sizes or from different extractors.
 *
 * @example
 * ```ts
 * const { value } = frechetDistance(realStats, await featuresToStatistics(fakeFeatures));
 * ```
 * @see Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium", 2017
 */
export function frechetDistance(real: FeatureStatistics, fake: FeatureStatistics, options: FrechetDistanceOptions = {}): FrechetDistance {
  const method = options.method ?? 'eigh';
  const d = real.featureSize;
  if (fake.featureSize !== d || real.mean.length !== d || fake.mean.length !== d || real.covariance.length !== d * d || fake.covariance.length !== d * d) {
    throw new SaddleError('both statistics must have the same feature size, with mean of length d and covariance of d·d', {
      code: 'SHAPE_MISMATCH', field: 'fake', value: { real: real.featureSize, fake: fake.featureSize }, fix: 'compute both with the same extractor',
    });
  }
  if (real.extractor !== undefined && fake.extractor !== undefined && real.extractor !== fake.extractor) {
    throw new SaddleError('statistics from different extractors are not comparable', {
      code: 'INVALID_ARGUMENT', field: 'fake.extractor', value: { real: real.extractor, fake: fake.extractor }, fix: 'compute both with the same extractor and weights',
    });
  }
  if (method !== 'eigh' && method !== 'sqrtm') {
    throw new SaddleError('unknown method', { code: 'INVALID_ARGUMENT', field: 'method', value: method, fix: "pass 'eigh' or 'sqrtm'" });
  }
  for (const [field, s] of [['real', real], ['fake', fake]] as const) {
    if (!allFinite(s.mean) || !allFinite(s.covariance)) {
      throw new SaddleError('statistics must be finite', { code: 'NON_FINITE', field, value: s.n, fix: 'recompute the statistics from finite features' });
    }
  }
  let meanTerm = 0;
  for (let i = 0; i < d; i++) meanTerm += ((real.mean[i] as number) - (fake.mean[i] as number)) ** 2;
  const { value: traceSqrt, offset } = method === 'eigh'
    ? { value: traceSqrtEigh(real.covariance, fake.covariance, d), offset: 0 }
    : traceSqrtProduct(real.covariance, fake.covariance, d);
  const covarianceTerm = trace(real.covariance, d) + trace(fake.covariance, d) - 2 * traceSqrt;
  const extractor = real.extractor ?? fake.extractor;
  return {
    value: meanTerm + covarianceTerm,
    meanTerm,
    covarianceTerm,
    protocol: {
      metric: 'fid',
      ...(extractor === undefined ? {} : { extractor }),
      featureSize: d, nReal: real.n, nFake: fake.n, method, offset,
    },
  };
}

/**
 * √λ for a symmetric matrix's eigenvalues, with λ ≤ d·ε·max|λ| (zero to working precision,
 * including round-off negatives) taken as 0: the square root would otherwise turn round-off of
 * 1e-16 into 1e-8 per zero eigenvalue of a rank-deficient covariance.
 */
function clampedSqrt(values: Float64Array, d: number): Float64Array {
  let max = 0;
  for (const l of values) max = Math.max(max, Math.abs(l));
  const floor = d * 2 ** -52 * max;
  return values.map((l) => (l > floor ? Math.sqrt(l) : 0));
}

/**
 * Σᵢ √λᵢ(Σ₁^{1/2} Σ₂ Σ₁^{1/2}), eigenvalues at the round-off level taken as 0. With Σ₁ = V Λ Vᵀ
 * and W = V Λ^{1/2} restricted to the r columns with λ > 0, Σ₁^{1/2} Σ₂ Σ₁^{1/2} = V (Wᵀ Σ₂ W) Vᵀ
 * has the eigenvalues of the r×r matrix Wᵀ Σ₂ W (plus zeros): no d×d products, and n < d
 * samples shrink the second eigenproblem to r ≤ n − 1.
 */
function traceSqrtEigh(s1: Float64Array, s2: Float64Array, d: number): number {
  const { values, vectors: v } = symmetricEigen(s1, d);
  const roots = clampedSqrt(values, d);
  const keep = [...roots.keys()].filter((j) => (roots[j] as number) > 0);
  const r = keep.length;
  if (r === 0) return 0;
  // W (d×r) and T = Σ₂W (d×r), row-major.
  const w = new Float64Array(d * r);
  for (let i = 0; i < d; i++) keep.forEach((j, c) => (w[i * r + c] = (v[i * d + j] as number) * (roots[j] as number)));
  const t = new Float64Array(d * r);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const sik = s2[i * d + k] as number;
      if (sik === 0) continue;
      for (let c = 0; c < r; c++) t[i * r + c] = (t[i * r + c] as number) + sik * (w[k * r + c] as number);
    }
  }
  // M = Wᵀ T, upper triangle accumulated row by row of W and T, then mirrored.
  const m = new Float64Array(r * r);
  for (let i = 0; i < d; i++) {
    for (let a = 0; a < r; a++) {
      const wia = w[i * r + a] as number;
      for (let b = a; b < r; b++) m[a * r + b] = (m[a * r + b] as number) + wia * (t[i * r + b] as number);
    }
  }
  for (let a = 0; a < r; a++) for (let b = a + 1; b < r; b++) m[b * r + a] = m[a * r + b] as number;
  return clampedSqrt(symmetricEigen(m, r, false).values, r).reduce((x, y) => x + y, 0);
}

/** pytorch-fid's route: Tr sqrtm(Σ₁Σ₂), retried with Σᵢ + 1e-6·I when the root fails. */
function traceSqrtProduct(s1: Float64Array, s2: Float64Array, d: number): { value: number; offset: number } {
  const first = sqrtmDenmanBeavers(matMul(s1, s2, d), d);
  if (first !== undefined) return { value: trace(first, d), offset: 0 };
  const offset = 1e-6;
  const retry = sqrtmDenmanBeavers(matMul(addDiagonal(s1, d, offset), addDiagonal(s2, d, offset), d), d);
  if (retry === undefined) {
    throw new SaddleError('the square root of Σ₁Σ₂ did not converge, even with 1e-6·I added', {
      code: 'NON_FINITE', field: 'method', value: 'sqrtm', fix: "use method 'eigh', which handles singular covariances",
    });
  }
  return { value: trace(retry, d), offset };
}

function allFinite(values: Float64Array): boolean {
  for (const x of values) if (!Number.isFinite(x)) return false;
  return true;
}
