/** A rank-revealing factor of a symmetric PSD matrix: A[perm[i], perm[j]] ≈ (L Lᵀ)[i, j]. */
export interface PivotedCholesky {
  /** Row-major d×d storage of the d×r lower-trapezoidal L; columns ≥ `rank` are 0. */
  readonly factor: Float64Array;
  /** r: the number of pivots above the tolerance. */
  readonly rank: number;
  /** Row i of L belongs to row perm[i] of A. */
  readonly perm: Int32Array;
}

/**
 * Cholesky factorisation with complete (diagonal) pivoting, as LAPACK's dpstf2: step k takes
 * the largest remaining Schur-complement diagonal as pivot and stops when it is ≤ d·ε·max Aᵢᵢ
 * (LAPACK's default tolerance), so a rank-r PSD matrix gives r columns; the dropped Schur
 * complement is PSD with every diagonal entry below the tolerance. Left-looking: column k of L
 * is (A[·, k] − L[·, <k] L[k, <k]ᵀ) / L[k, k], a contiguous dot product per row. Only the
 * upper triangle of `a` is read; O(d·r²).
 */
export function pivotedCholesky(a: Float64Array, d: number): PivotedCholesky {
  const perm = new Int32Array(d);
  const diag = new Float64Array(d);
  let maxDiag = 0;
  for (let i = 0; i < d; i++) {
    perm[i] = i;
    const aii = a[i * d + i] as number;
    diag[i] = aii;
    if (aii > maxDiag) maxDiag = aii;
  }
  const tol = d * 2 ** -52 * maxDiag;
  const l = new Float64Array(d * d);
  let k = 0;
  for (; k < d; k++) {
    let p = k;
    let best = diag[k] as number;
    for (let j = k + 1; j < d; j++) {
      const dj = diag[j] as number;
      if (dj > best) {
        best = dj;
        p = j;
      }
    }
    if (!(best > tol)) break;
    if (p !== k) swapPivot(perm, diag, l, d, k, p);
    const lkk = Math.sqrt(best);
    const rk = k * d;
    l[rk + k] = lkk;
    const pk = perm[k] as number;
    for (let i = k + 1; i < d; i++) {
      const pi = perm[i] as number;
      let s = pi < pk ? (a[pi * d + pk] as number) : (a[pk * d + pi] as number);
      const ri = i * d;
      // Four partial sums: one long chain of dependent adds would bound the loop by add latency.
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let m = 0;
      for (; m + 3 < k; m += 4) {
        s0 += (l[ri + m] as number) * (l[rk + m] as number);
        s1 += (l[ri + m + 1] as number) * (l[rk + m + 1] as number);
        s2 += (l[ri + m + 2] as number) * (l[rk + m + 2] as number);
        s3 += (l[ri + m + 3] as number) * (l[rk + m + 3] as number);
      }
      for (; m < k; m++) s0 += (l[ri + m] as number) * (l[rk + m] as number);
      s -= s0 + s1 + (s2 + s3);
      const lik = s / lkk;
      l[ri + k] = lik;
      diag[i] = (diag[i] as number) - lik * lik;
    }
  }
  return { factor: l, rank: k, perm };
}

/** Swaps pivot candidates k and p: their permutation entries, diagonals and the k computed columns of L. */
function swapPivot(perm: Int32Array, diag: Float64Array, l: Float64Array, d: number, k: number, p: number): void {
  const t = perm[k] as number;
  perm[k] = perm[p] as number;
  perm[p] = t;
  const dk = diag[k] as number;
  diag[k] = diag[p] as number;
  diag[p] = dk;
  const rk = k * d;
  const rp = p * d;
  for (let m = 0; m < k; m++) {
    const x = l[rk + m] as number;
    l[rk + m] = l[rp + m] as number;
    l[rp + m] = x;
  }
}
