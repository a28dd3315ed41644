/** Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  /** λ_0 ≤ λ_1 ≤ … ≤ λ_{d−1}. */
  readonly values: Float64Array;
  /** Row-major d×d; column j is the eigenvector of λ_j. */
  readonly vectors: Float64Array;
}

/**
 * Symmetric eigendecomposition A = V Λ Vᵀ in float64: Householder reduction to tridiagonal form,
 * then the implicit QL algorithm with Wilkinson-style shifts (EISPACK tred2/tql2, as ported in
 * JAMA). Only the upper triangle of `a` is read. O(d³); the input is not modified. Without
 * vectors, `symmetricEigenvalues`.
 */
export function symmetricEigen(a: Float64Array, d: number): SymmetricEigen {
  const v = Float64Array.from(a);
  const e = new Float64Array(d);
  const values = new Float64Array(d);
  tridiagonalize(v, values, e, d);
  tridiagonalQl(v, values, e, d, true);
  transposeInPlace(v, d);
  return { values, vectors: v };
}

/**
 * Eigenvalues (ascending) of a symmetric n×n matrix, without eigenvectors: Householder
 * reduction to tridiagonal form with no transform kept (LAPACK dsytd2's
 * A ← A − v wᵀ − w vᵀ, w = p − (τ/2)(pᵀv)v, p = τAv), then implicit QL. Only the upper
 * triangle of `a` is read; the input is not modified. (4/3)n³ flops: several times fewer than
 * with eigenvectors (tred2's accumulation and tql2's rotations of V).
 */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const dg = new Float64Array(n);
  const e = new Float64Array(n);
  householderTridiagonal(m, dg, e, n);
  tridiagonalQl(new Float64Array(0), dg, e, n, false);
  return dg;
}

/**
 * Reduces the upper triangle of `m` (row-major, overwritten) to the tridiagonal `dg`, with
 * e[i] coupling i − 1 and i (tred2's convention, e[0] = 0). Step k's reflector
 * H = I − τvvᵀ zeroes row k beyond k + 1. One pass over the trailing upper triangle per step:
 * the update of row i by step k is fused with row i's share of p = τAv for step k + 1, whose
 * reflector comes from row k + 1, updated first. Vectors are indexed by absolute column.
 */
function householderTridiagonal(m: Float64Array, dg: Float64Array, e: Float64Array, n: number): void {
  if (n === 1) {
    dg[0] = m[0] as number;
    return;
  }
  let v = new Float64Array(n);
  let vNext = new Float64Array(n);
  let p = new Float64Array(n);
  let pNext = new Float64Array(n);
  const w = new Float64Array(n);
  let tau = reflector(m, n, 0, v, e);
  symmetricTimes(m, n, 1, v, p, tau);
  for (let k = 0; k < n - 1; k++) {
    dg[k] = m[k * n + k] as number;
    let pv = 0;
    for (let j = k + 1; j < n; j++) pv += (p[j] as number) * (v[j] as number);
    const alpha = -0.5 * tau * pv;
    for (let j = k + 1; j < n; j++) w[j] = (p[j] as number) + alpha * (v[j] as number);
    const k1 = k + 1;
    const r1 = k1 * n;
    const v1 = v[k1] as number;
    const w1 = w[k1] as number;
    for (let j = k1; j < n; j++) m[r1 + j] = (m[r1 + j] as number) - (v1 * (w[j] as number) + w1 * (v[j] as number));
    if (k1 === n - 1) {
      dg[k1] = m[r1 + k1] as number;
      break;
    }
    const tauNext = reflector(m, n, k1, vNext, e);
    pNext.fill(0);
    let i = k1 + 1;
    // Rows in pairs: each load of w, v, vNext and pNext serves two rows.
    for (; i + 1 < n; i += 2) {
      const ri = i * n;
      const rj = ri + n;
      const vi = v[i] as number;
      const wi = w[i] as number;
      const vni = vNext[i] as number;
      const vi1 = v[i + 1] as number;
      const wi1 = w[i + 1] as number;
      const vni1 = vNext[i + 1] as number;
      const aii = (m[ri + i] as number) - 2 * vi * wi;
      m[ri + i] = aii;
      const aij1 = (m[ri + i + 1] as number) - (vi * wi1 + wi * vi1);
      m[ri + i + 1] = aij1;
      const a11 = (m[rj + i + 1] as number) - 2 * vi1 * wi1;
      m[rj + i + 1] = a11;
      let s0 = aii * vni + aij1 * vni1;
      let s1 = aij1 * vni + a11 * vni1;
      for (let j = i + 2; j < n; j++) {
        const wj = w[j] as number;
        const vj = v[j] as number;
        const vnj = vNext[j] as number;
        const a0 = (m[ri + j] as number) - (vi * wj + wi * vj);
        const a1 = (m[rj + j] as number) - (vi1 * wj + wi1 * vj);
        m[ri + j] = a0;
        m[rj + j] = a1;
        s0 += a0 * vnj;
        s1 += a1 * vnj;
        pNext[j] = (pNext[j] as number) + (a0 * vni + a1 * vni1);
      }
      pNext[i] = (pNext[i] as number) + s0;
      pNext[i + 1] = (pNext[i + 1] as number) + s1;
    }
    if (i < n) {
      const ri = i * n;
      const aii = (m[ri + i] as number) - 2 * (v[i] as number) * (w[i] as number);
      m[ri + i] = aii;
      pNext[i] = (pNext[i] as number) + aii * (vNext[i] as number);
    }
    for (let j = k1 + 1; j < n; j++) pNext[j] = tauNext * (pNext[j] as number);
    [v, vNext] = [vNext, v];
    [p, pNext] = [pNext, p];
    tau = tauNext;
  }
}

/**
 * The reflector of row k (LAPACK dlarfg): x = m[k, k+1..], α = x₀, β = −sign(α)‖x‖,
 * τ = (β − α)/β, v = (1, x₁.. /(α − β)); sets e[k + 1] = β and returns τ (0 when x₁.. = 0).
 */
function reflector(m: Float64Array, n: number, k: number, v: Float64Array, e: Float64Array): number {
  const rk = k * n;
  const alpha = m[rk + k + 1] as number;
  let tail = 0;
  for (let j = k + 2; j < n; j++) tail += (m[rk + j] as number) ** 2;
  v.fill(0);
  v[k + 1] = 1;
  if (tail === 0) {
    e[k + 1] = alpha;
    return 0;
  }
  const beta = (alpha > 0 ? -1 : 1) * Math.sqrt(alpha * alpha + tail);
  const scale = 1 / (alpha - beta);
  for (let j = k + 2; j < n; j++) v[j] = (m[rk + j] as number) * scale;
  e[k + 1] = beta;
  return (beta - alpha) / beta;
}

/** p[from..] = τ·A[from.., from..]·v[from..], reading the upper triangle once. */
function symmetricTimes(m: Float64Array, n: number, from: number, v: Float64Array, p: Float64Array, tau: number): void {
  p.fill(0);
  for (let i = from; i < n; i++) {
    const ri = i * n;
    const vi = v[i] as number;
    let s = (m[ri + i] as number) * vi;
    for (let j = i + 1; j < n; j++) {
      const aij = m[ri + j] as number;
      s += aij * (v[j] as number);
      p[j] = (p[j] as number) + aij * vi;
    }
    p[i] = (p[i] as number) + s;
  }
  for (let j = from; j < n; j++) p[j] = tau * (p[j] as number);
}

/**
 * Householder tridiagonalisation (tred2): on return `dg`/`e` hold the tridiagonal and `v` the
 * transform, transposed. JAMA's V[r][c] is stored at v[c·n + r] throughout, so the inner loops
 * over r run on contiguous memory; since A is symmetric, its storage is the same either way.
 */
function tridiagonalize(v: Float64Array, dg: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) dg[j] = v[j * n + (n - 1)] as number;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(dg[k] as number);
    if (scale === 0) {
      e[i] = dg[i - 1] as number;
      for (let j = 0; j < i; j++) {
        dg[j] = v[j * n + (i - 1)] as number;
        v[j * n + i] = 0;
        v[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        dg[k] = (dg[k] as number) / scale;
        h += (dg[k] as number) ** 2;
      }
      let f = dg[i - 1] as number;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      dg[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = dg[j] as number;
        v[i * n + j] = f;
        g = (e[j] as number) + (v[j * n + j] as number) * f;
        for (let k = j + 1; k <= i - 1; k++) {
          const vkj = v[j * n + k] as number;
          g += vkj * (dg[k] as number);
          e[k] = (e[k] as number) + vkj * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] = (e[j] as number) / h;
        f += (e[j] as number) * (dg[j] as number);
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = (e[j] as number) - hh * (dg[j] as number);
      for (let j = 0; j < i; j++) {
        f = dg[j] as number;
        g = e[j] as number;
        for (let k = j; k <= i - 1; k++) {
          v[j * n + k] = (v[j * n + k] as number) - (f * (e[k] as number) + g * (dg[k] as number));
        }
        dg[j] = v[j * n + (i - 1)] as number;
        v[j * n + i] = 0;
      }
    }
    dg[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    v[i * n + (n - 1)] = v[i * n + i] as number;
    v[i * n + i] = 1;
    const h = dg[i + 1] as number;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) dg[k] = (v[(i + 1) * n + k] as number) / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += (v[(i + 1) * n + k] as number) * (v[j * n + k] as number);
        for (let k = 0; k <= i; k++) v[j * n + k] = (v[j * n + k] as number) - g * (dg[k] as number);
      }
    }
    for (let k = 0; k <= i; k++) v[(i + 1) * n + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    dg[j] = v[j * n + (n - 1)] as number;
    v[j * n + (n - 1)] = 0;
  }
  v[(n - 1) * n + (n - 1)] = 1;
  e[0] = 0;
}

function transposeInPlace(m: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const t = m[i * n + j] as number;
      m[i * n + j] = m[j * n + i] as number;
      m[j * n + i] = t;
    }
  }
}

/**
 * Implicit QL on the tridiagonal (tql2), then sorts eigenvalues ascending with their vectors.
 * `vt` holds the eigenvectors as rows (the transpose of tql2's V).
 */
function tridiagonalQl(vt: Float64Array, dg: Float64Array, e: Float64Array, n: number, withVectors: boolean): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i] as number;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(dg[l] as number) + Math.abs(e[l] as number));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m] as number) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      do {
        let g = dg[l] as number;
        let p = ((dg[l + 1] as number) - g) / (2 * (e[l] as number));
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        dg[l] = (e[l] as number) / (p + r);
        dg[l + 1] = (e[l] as number) * (p + r);
        const dl1 = dg[l + 1] as number;
        let h = g - (dg[l] as number);
        for (let i = l + 2; i < n; i++) dg[i] = (dg[i] as number) - h;
        f += h;
        p = dg[m] as number;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1] as number;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * (e[i] as number);
          h = c * p;
          r = Math.hypot(p, e[i] as number);
          e[i + 1] = s * r;
          s = (e[i] as number) / r;
          c = p / r;
          p = c * (dg[i] as number) - s * g;
          dg[i + 1] = h + s * (c * g + s * (dg[i] as number));
          if (withVectors) {
            const r0 = i * n;
            const r1 = (i + 1) * n;
            for (let k = 0; k < n; k++) {
              h = vt[r1 + k] as number;
              vt[r1 + k] = s * (vt[r0 + k] as number) + c * h;
              vt[r0 + k] = c * (vt[r0 + k] as number) - s * h;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * (e[l] as number)) / dl1;
        e[l] = s * p;
        dg[l] = c * p;
      } while (Math.abs(e[l] as number) > eps * tst1);
    }
    dg[l] = (dg[l] as number) + f;
    e[l] = 0;
  }
  // Selection sort, ascending, swapping vector columns alongside.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = dg[i] as number;
    for (let j = i + 1; j < n; j++) {
      if ((dg[j] as number) < p) {
        k = j;
        p = dg[j] as number;
      }
    }
    if (k !== i) {
      dg[k] = dg[i] as number;
      dg[i] = p;
      if (withVectors) {
        const rowI = vt.slice(i * n, (i + 1) * n);
        vt.copyWithin(i * n, k * n, (k + 1) * n);
        vt.set(rowI, k * n);
      }
    }
  }
}
