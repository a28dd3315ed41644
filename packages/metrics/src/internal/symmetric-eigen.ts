/** Eigenvalues (ascending) and, when asked for, orthonormal eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  /** λ_0 ≤ λ_1 ≤ … ≤ λ_{d−1}. */
  readonly values: Float64Array;
  /** Row-major d×d; column j is the eigenvector of λ_j (empty when vectors were not requested). */
  readonly vectors: Float64Array;
}

/**
 * Symmetric eigendecomposition A = V Λ Vᵀ in float64: Householder reduction to tridiagonal form,
 * then the implicit QL algorithm with Wilkinson-style shifts (EISPACK tred2/tql2, as ported in
 * JAMA). Only the upper triangle of `a` is read. O(d³); the input is not modified.
 */
export function symmetricEigen(a: Float64Array, d: number, withVectors = true): SymmetricEigen {
  const v = Float64Array.from(a);
  const e = new Float64Array(d);
  const values = new Float64Array(d);
  tridiagonalize(v, values, e, d);
  tridiagonalQl(v, values, e, d, withVectors);
  if (!withVectors) return { values, vectors: new Float64Array(0) };
  transposeInPlace(v, d);
  return { values, vectors: v };
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
