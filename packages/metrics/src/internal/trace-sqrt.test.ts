import { describe, expect, it } from 'vitest';
import { gaussian, randomSpd } from '../__fixtures__/gaussian.js';
import { matMul, trace } from './dense.js';
import { pivotedCholesky } from './pivoted-cholesky.js';
import { sqrtmDenmanBeavers } from './sqrtm.js';
import { symmetricEigen } from './symmetric-eigen.js';
import { traceSqrtCholesky, traceSqrtEigenRoot } from './trace-sqrt.js';

/** The covariance (divisor n − 1) of n seeded Gaussian rows in d dimensions with scales 1 + j/d: rank n − 1 when n ≤ d. */
function sampleCovariance(seed: number, n: number, d: number): Float64Array {
  const x = gaussian(seed, n * d).map((z, k) => z * (1 + (k % d) / d));
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (x[i * d + j] as number) / n;
  const c = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const xa = (x[i * d + a] as number) - (mean[a] as number);
      for (let b = 0; b < d; b++) c[a * d + b] = (c[a * d + b] as number) + (xa * ((x[i * d + b] as number) - (mean[b] as number))) / (n - 1);
    }
  }
  return c;
}

/** Q diag(λ) Qᵀ with Q the eigenvectors of a random symmetric matrix (orthogonal to round-off). */
function rotated(q: Float64Array, lambda: readonly number[]): Float64Array {
  const d = lambda.length;
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) {
    a[i * d + j] = (a[i * d + j] as number) + (q[i * d + k] as number) * (lambda[k] as number) * (q[j * d + k] as number);
  }
  return a;
}

function relative(x: number, y: number): number {
  return Math.abs(x - y) / Math.abs(y);
}

describe('Tr((Σ₁Σ₂)^{1/2}) routes', () => {
  const d = 96;

  it('agree on random full-rank SPD 96×96: Cholesky, eigen-root and Denman–Beavers sqrtm', () => {
    for (const seed of [1, 2, 3]) {
      const s1 = randomSpd(seed, d);
      const s2 = randomSpd(seed + 50, d, 0.01);
      const cholesky = traceSqrtCholesky(s1, s2, d);
      const sqrtm = sqrtmDenmanBeavers(matMul(s1, s2, d), d);
      expect(sqrtm).toBeDefined();
      expect(relative(cholesky, traceSqrtEigenRoot(s1, s2, d))).toBeLessThan(1e-12);
      expect(relative(cholesky, trace(sqrtm as Float64Array, d))).toBeLessThan(1e-11);
    }
  });

  it('agree on rank-deficient sample covariances (n < d) with either or both singular', () => {
    const full = sampleCovariance(7, 3 * d, d);
    const low = sampleCovariance(8, 40, d);
    const lower = sampleCovariance(9, 25, d);
    expect(pivotedCholesky(low, d).rank).toBe(39);
    for (const [s1, s2] of [[low, full], [full, low], [low, lower]] as const) {
      expect(relative(traceSqrtCholesky(s1, s2, d), traceSqrtEigenRoot(s1, s2, d))).toBeLessThan(1e-10);
    }
  });

  it('equal Σ √(aᵢbᵢ) for commuting singular Σ₁ = Q diag(a) Qᵀ, Σ₂ = Q diag(b) Qᵀ', () => {
    const n = 24;
    const g = gaussian(11, n * n);
    const q = symmetricEigen(new Float64Array(n * n).map((_, k) => (g[k] as number) + (g[(k % n) * n + Math.floor(k / n)] as number)), n).vectors;
    const a = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 0.5 + i));
    const b = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : 2 / (1 + i)));
    const exact = a.reduce((s, x, i) => s + Math.sqrt(x * (b[i] as number)), 0);
    const s1 = rotated(q, a);
    const s2 = rotated(q, b);
    expect(pivotedCholesky(s1, n).rank).toBe(16);
    expect(relative(traceSqrtCholesky(s1, s2, n), exact)).toBeLessThan(1e-10);
    expect(relative(traceSqrtCholesky(s2, s1, n), exact)).toBeLessThan(1e-10);
    expect(relative(traceSqrtEigenRoot(s1, s2, n), exact)).toBeLessThan(1e-10);
  });

  it('is 0 when Σ₁ is 0', () => {
    expect(traceSqrtCholesky(new Float64Array(9), randomSpd(1, 3), 3)).toBe(0);
  });
});

describe('pivotedCholesky', () => {
  it('reproduces A[perm[i], perm[j]] = (L Lᵀ)[i, j] with decreasing pivots', () => {
    const d = 40;
    const a = randomSpd(4, d);
    const { factor: l, rank, perm } = pivotedCholesky(a, d);
    expect(rank).toBe(d);
    let err = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (l[i * d + k] as number) * (l[j * d + k] as number);
      err = Math.max(err, Math.abs(s - (a[(perm[i] as number) * d + (perm[j] as number)] as number)));
    }
    expect(err).toBeLessThan(1e-13);
    for (let k = 1; k < d; k++) expect(l[k * d + k]).toBeLessThanOrEqual(l[(k - 1) * d + k - 1] as number);
  });
});
