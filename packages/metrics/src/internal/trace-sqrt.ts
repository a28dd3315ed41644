import { pivotedCholesky } from './pivoted-cholesky.js';
import { symmetricEigen, symmetricEigenvalues } from './symmetric-eigen.js';

/** Cache blocks of the products: 128 rows × 128 columns of float64 is 128 KiB, inside L2. */
const K_BLOCK = 128;
const J_BLOCK = 128;

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

function sum(values: Float64Array): number {
  let s = 0;
  for (const x of values) s += x;
  return s;
}

/**
 * Tr((Σ₁Σ₂)^{1/2}) = Σᵢ √λᵢ(Lᵀ Σ₂' L) with the pivoted Cholesky factor Σ₁' = L Lᵀ (' marks
 * rows and columns in pivot order): Σ₁Σ₂ is similar to Σ₁'Σ₂' = L Lᵀ Σ₂', whose nonzero
 * eigenvalues are those of the symmetric PSD r×r matrix Lᵀ Σ₂' L (r = rank Σ₁, so n < d
 * samples shrink it to r ≤ n − 1). One factorisation, two triangular products and one
 * eigenvalues-only problem: about (1/3 + 1 + 2/3)d³ + (4/3)r³ flops, no eigenvectors.
 */
export function traceSqrtCholesky(s1: Float64Array, s2: Float64Array, d: number): number {
  const { factor: l, rank: r, perm } = pivotedCholesky(s1, d);
  if (r === 0) return 0;
  const r4 = 4 * Math.ceil(r / 4);
  const d2 = 2 * Math.ceil(d / 2);
  // Lᵀ (r4×d, upper trapezoid) and Σ₂' (d2×d), zero-padded to whole register tiles.
  const lt = new Float64Array(r4 * d);
  for (let k = 0; k < d; k++) {
    const lk = k * d;
    for (let c = 0; c < Math.min(k + 1, r); c++) lt[c * d + k] = l[lk + c] as number;
  }
  const b = new Float64Array(d2 * d);
  for (let i = 0; i < d; i++) {
    const src = (perm[i] as number) * d;
    const dst = i * d;
    for (let j = 0; j < d; j++) b[dst + j] = s2[src + (perm[j] as number)] as number;
  }
  // Lᵀ Σ₂' = Lᵀ Σ₂'ᵀ (Σ₂ symmetric), then the upper triangle of M = (Lᵀ Σ₂') L = Lᵀ (Lᵀ Σ₂')ᵀ.
  const t = new Float64Array(r4 * d2);
  timesTransposed(lt, d, b, d, t, d2, r4, d2, d, false);
  const m = new Float64Array(r4 * r4);
  timesTransposed(lt, d, t, d2, m, r4, r4, r4, d, true);
  const compact = new Float64Array(r * r);
  for (let i = 0; i < r; i++) compact.set(m.subarray(i * r4 + i, i * r4 + r), i * r + i);
  return sum(clampedSqrt(symmetricEigenvalues(compact, r), r));
}

/**
 * C += A Bᵀ restricted to k ≥ i (A[i, k] = 0 for k < i: an upper trapezoid), C[i, j] = Σₖ A[i, k] B[j, k],
 * with `upper` only for tiles reaching j ≥ i. Rows of A and B are contiguous (strides sa, sb, length n);
 * ra must be a multiple of 4 and rb of 2 (callers pad with zero rows). Register tiles of 4×2 dot
 * products (six loads per eight multiply-adds, no stores in the innermost loop) inside cache
 * blocks of 128 columns of k and 128 rows of B.
 */
function timesTransposed(a: Float64Array, sa: number, b: Float64Array, sb: number, c: Float64Array, sc: number, ra: number, rb: number, n: number, upper: boolean): void {
  for (let k0 = 0; k0 < n; k0 += K_BLOCK) {
    const k1 = Math.min(n, k0 + K_BLOCK);
    for (let jb = 0; jb < rb; jb += J_BLOCK) {
      const jbEnd = Math.min(rb, jb + J_BLOCK);
      for (let i = 0; i < ra && i < k1; i += 4) {
        const kStart = Math.max(k0, i);
        const a0 = i * sa;
        const a1 = a0 + sa;
        const a2 = a1 + sa;
        const a3 = a2 + sa;
        for (let j = upper ? Math.max(jb, i) : jb; j < jbEnd; j += 2) {
          const b0 = j * sb;
          const b1 = b0 + sb;
          let c00 = 0, c01 = 0, c10 = 0, c11 = 0, c20 = 0, c21 = 0, c30 = 0, c31 = 0;
          for (let k = kStart; k < k1; k++) {
            const x0 = b[b0 + k] as number;
            const x1 = b[b1 + k] as number;
            const y0 = a[a0 + k] as number;
            const y1 = a[a1 + k] as number;
            const y2 = a[a2 + k] as number;
            const y3 = a[a3 + k] as number;
            c00 += y0 * x0; c01 += y0 * x1;
            c10 += y1 * x0; c11 += y1 * x1;
            c20 += y2 * x0; c21 += y2 * x1;
            c30 += y3 * x0; c31 += y3 * x1;
          }
          const r0 = i * sc + j;
          c[r0] = (c[r0] as number) + c00; c[r0 + 1] = (c[r0 + 1] as number) + c01;
          c[r0 + sc] = (c[r0 + sc] as number) + c10; c[r0 + sc + 1] = (c[r0 + sc + 1] as number) + c11;
          c[r0 + 2 * sc] = (c[r0 + 2 * sc] as number) + c20; c[r0 + 2 * sc + 1] = (c[r0 + 2 * sc + 1] as number) + c21;
          c[r0 + 3 * sc] = (c[r0 + 3 * sc] as number) + c30; c[r0 + 3 * sc + 1] = (c[r0 + 3 * sc + 1] as number) + c31;
        }
      }
    }
  }
}

/**
 * Σᵢ √λᵢ(Σ₁^{1/2} Σ₂ Σ₁^{1/2}), eigenvalues at the round-off level taken as 0. With Σ₁ = V Λ Vᵀ
 * and W = V Λ^{1/2} restricted to the r columns with λ > 0, Σ₁^{1/2} Σ₂ Σ₁^{1/2} = V (Wᵀ Σ₂ W) Vᵀ
 * has the eigenvalues of the r×r matrix Wᵀ Σ₂ W (plus zeros): no d×d products, and n < d
 * samples shrink the second eigenproblem to r ≤ n − 1. Needs Σ₁'s eigenvectors: several times
 * the work of `traceSqrtCholesky`.
 */
export function traceSqrtEigenRoot(s1: Float64Array, s2: Float64Array, d: number): number {
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
  // M = Wᵀ T, upper triangle accumulated row by row of W and T.
  const m = new Float64Array(r * r);
  for (let i = 0; i < d; i++) {
    for (let a = 0; a < r; a++) {
      const wia = w[i * r + a] as number;
      for (let b = a; b < r; b++) m[a * r + b] = (m[a * r + b] as number) + wia * (t[i * r + b] as number);
    }
  }
  return sum(clampedSqrt(symmetricEigenvalues(m, r), r));
}
