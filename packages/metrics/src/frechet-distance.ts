import { SaddleError } from '@saddle/core';
import { addDiagonal, matMul, trace } from './internal/dense.js';
import { sqrtmDenmanBeavers } from './internal/sqrtm.js';
import { traceSqrtCholesky, traceSqrtEigenRoot } from './internal/trace-sqrt.js';
import type { FeatureStatistics } from './statistics.js';

/**
 * How `frechetDistance` takes Tr((Σ₁Σ₂)^{1/2}).
 *
 * @example
 * ```ts
 * const method: TraceSqrtMethod = 'sqrtm'; // pytorch-fid's route, for comparison
 * ```
 */
export type TraceSqrtMethod = 'eigh' | 'eigh-root' | 'sqrtm';

/**
 * Options of `frechetDistance`.
 *
 * @example
 * ```ts
 * const options: FrechetDistanceOptions = { method: 'eigh' };
 * ```
 */
export interface FrechetDistanceOptions {
  /**
   * `'eigh'` (default): the eigenvalues of the symmetric PSD matrix Lᵀ Σ₂ L, with Σ₁ = L Lᵀ
   * from a pivoted Cholesky factorisation; exact for rank-deficient Σ (the factor has rank Σ₁
   * columns), and no eigenvectors.
   * `'eigh-root'`: Σ₁^{1/2} from a full symmetric eigendecomposition, then the eigenvalues of
   * Σ₁^{1/2} Σ₂ Σ₁^{1/2}. The same value to round-off, several times slower: a cross-check.
   * `'sqrtm'`: pytorch-fid's route, a square root of the product Σ₁Σ₂ (Denman–Beavers), retried
   * with 1e-6·I added to both covariances when it does not converge (pytorch-fid retries when
   * scipy's root is not finite). A cross-check: slower, and the retry that n < d needs biases FID
   * (by 1.8e-3 on a 16-d test case).
   */
  readonly method?: TraceSqrtMethod;
}

/**
 * What `frechetDistance` measured, and under which protocol.
 *
 * @example
 * ```ts
 * const { value, meanTerm, covarianceTerm, protocol }: FrechetDistance = frechetDistance(real, fake);
 * ```
 */
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
 * With the pivoted Cholesky factor PᵀΣ₁P = L Lᵀ (d×r, r = rank Σ₁), Σ₁Σ₂ is similar to
 * L Lᵀ PᵀΣ₂P, whose nonzero eigenvalues are those of the symmetric PSD r×r matrix
 * M = Lᵀ PᵀΣ₂P L, so by default Tr((Σ₁Σ₂)^{1/2}) = Σᵢ √max(0, λᵢ(M)); pivots and eigenvalues
 * below d·ε times the largest (round-off, including negatives) count as 0. No complex
 * arithmetic, no eigenvectors, and accurate for the rank-deficient covariances of n < d samples. FID is biased upward for small n: compare only equal n.
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
  if (method !== 'eigh' && method !== 'eigh-root' && method !== 'sqrtm') {
    throw new SaddleError('unknown method', { code: 'INVALID_ARGUMENT', field: 'method', value: method, fix: "pass 'eigh', 'eigh-root' or 'sqrtm'" });
  }
  for (const [field, s] of [['real', real], ['fake', fake]] as const) {
    if (!allFinite(s.mean) || !allFinite(s.covariance)) {
      throw new SaddleError('statistics must be finite', { code: 'NON_FINITE', field, value: s.n, fix: 'recompute the statistics from finite features' });
    }
  }
  let meanTerm = 0;
  for (let i = 0; i < d; i++) meanTerm += ((real.mean[i] as number) - (fake.mean[i] as number)) ** 2;
  const { value: traceSqrt, offset } = method === 'sqrtm'
    ? traceSqrtProduct(real.covariance, fake.covariance, d)
    : { value: (method === 'eigh' ? traceSqrtCholesky : traceSqrtEigenRoot)(real.covariance, fake.covariance, d), offset: 0 };
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
