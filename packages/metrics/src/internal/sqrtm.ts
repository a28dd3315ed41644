import { addDiagonal, inverse } from './dense.js';

/**
 * The principal square root of a general (non-symmetric) d×d matrix with no eigenvalues on the
 * closed negative real axis, by the Denman–Beavers iteration
 * Y₀ = A, Z₀ = I; Y_{k+1} = (Y_k + Z_k⁻¹)/2, Z_{k+1} = (Z_k + Y_k⁻¹)/2 → (A^{1/2}, A^{−1/2}),
 * stopped when ‖Y_{k+1} − Y_k‖_F ≤ tol·‖Y_{k+1}‖_F, or when the step stops shrinking (the
 * round-off floor of an ill-conditioned A) below `floor`·‖Y_{k+1}‖_F. Returns `undefined` if an
 * iterate is singular or non-finite, or the iteration has not converged in `maxIterations`.
 *
 * @see Denman and Beavers, "The matrix sign function and computations in systems", 1976
 */
export function sqrtmDenmanBeavers(a: Float64Array, d: number, tol = 1e-12, floor = 1e-9, maxIterations = 100): Float64Array | undefined {
  let y = Float64Array.from(a);
  let z = addDiagonal(new Float64Array(d * d), d, 1);
  let previousStep = Infinity;
  for (let it = 0; it < maxIterations; it++) {
    const yInv = inverse(y, d);
    const zInv = inverse(z, d);
    if (yInv === undefined || zInv === undefined) return undefined;
    let diff = 0;
    let norm = 0;
    const yNext = new Float64Array(d * d);
    const zNext = new Float64Array(d * d);
    for (let i = 0; i < d * d; i++) {
      const yi = 0.5 * ((y[i] as number) + (zInv[i] as number));
      yNext[i] = yi;
      zNext[i] = 0.5 * ((z[i] as number) + (yInv[i] as number));
      diff += (yi - (y[i] as number)) ** 2;
      norm += yi * yi;
    }
    if (!Number.isFinite(diff) || !Number.isFinite(norm)) return undefined;
    y = yNext;
    z = zNext;
    const step = Math.sqrt(diff / norm);
    if (step <= tol || (step >= previousStep && step <= floor)) return y;
    previousStep = step;
  }
  return undefined;
}
