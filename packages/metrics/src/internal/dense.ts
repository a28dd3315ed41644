/** Row-major d×d float64 matrix helpers for the metric math (host-side, O(d³) at most). */

/** C = A·B for row-major d×d matrices (i-k-j loop order, so the inner loop is contiguous). */
export function matMul(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    const ci = i * d;
    for (let k = 0; k < d; k++) {
      const aik = a[ci + k] as number;
      if (aik === 0) continue;
      const bk = k * d;
      for (let j = 0; j < d; j++) c[ci + j] = (c[ci + j] as number) + aik * (b[bk + j] as number);
    }
  }
  return c;
}

/** Tr(A) of a row-major d×d matrix. */
export function trace(a: Float64Array, d: number): number {
  let t = 0;
  for (let i = 0; i < d; i++) t += a[i * d + i] as number;
  return t;
}

/** A + εI, a new matrix. */
export function addDiagonal(a: Float64Array, d: number, eps: number): Float64Array {
  const out = Float64Array.from(a);
  for (let i = 0; i < d; i++) out[i * d + i] = (out[i * d + i] as number) + eps;
  return out;
}

/**
 * A⁻¹ by Gauss–Jordan elimination with partial pivoting; returns `undefined` for a matrix that
 * is singular to working precision (a zero pivot).
 */
export function inverse(a: Float64Array, d: number): Float64Array | undefined {
  const m = Float64Array.from(a);
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) inv[i * d + i] = 1;
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) {
      if (Math.abs(m[r * d + col] as number) > Math.abs(m[pivot * d + col] as number)) pivot = r;
    }
    const p = m[pivot * d + col] as number;
    if (p === 0 || !Number.isFinite(p)) return undefined;
    if (pivot !== col) {
      swapRows(m, d, pivot, col);
      swapRows(inv, d, pivot, col);
    }
    const scale = 1 / p;
    for (let j = 0; j < d; j++) {
      m[col * d + j] = (m[col * d + j] as number) * scale;
      inv[col * d + j] = (inv[col * d + j] as number) * scale;
    }
    for (let r = 0; r < d; r++) {
      const factor = m[r * d + col] as number;
      if (r === col || factor === 0) continue;
      for (let j = 0; j < d; j++) {
        m[r * d + j] = (m[r * d + j] as number) - factor * (m[col * d + j] as number);
        inv[r * d + j] = (inv[r * d + j] as number) - factor * (inv[col * d + j] as number);
      }
    }
  }
  return inv;
}

function swapRows(m: Float64Array, d: number, a: number, b: number): void {
  for (let j = 0; j < d; j++) {
    const t = m[a * d + j] as number;
    m[a * d + j] = m[b * d + j] as number;
    m[b * d + j] = t;
  }
}
