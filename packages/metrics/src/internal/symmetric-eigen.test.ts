import { describe, expect, it } from 'vitest';
import { randomSpd, gaussian } from '../__fixtures__/gaussian.js';
import { symmetricEigen, symmetricEigenvalues } from './symmetric-eigen.js';

/** max |(AV − VΛ)_ij| and max |(VᵀV − I)_ij|. */
function residuals(a: Float64Array, d: number): { eig: number; orth: number; values: Float64Array } {
  const { values, vectors: v } = symmetricEigen(a, d);
  let eig = 0;
  let orth = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let av = 0;
      let vtv = 0;
      for (let k = 0; k < d; k++) {
        av += (a[i * d + k] as number) * (v[k * d + j] as number);
        vtv += (v[k * d + i] as number) * (v[k * d + j] as number);
      }
      eig = Math.max(eig, Math.abs(av - (v[i * d + j] as number) * (values[j] as number)));
      orth = Math.max(orth, Math.abs(vtv - (i === j ? 1 : 0)));
    }
  }
  return { eig, orth, values };
}

describe('symmetricEigen (Householder + implicit QL)', () => {
  it('has residuals ‖AV − VΛ‖ and ‖VᵀV − I‖ at round-off level on a random SPD 64×64', () => {
    const a = randomSpd(1, 64);
    const { eig, orth, values } = residuals(a, 64);
    expect(eig).toBeLessThan(1e-12);
    expect(orth).toBeLessThan(1e-12);
    for (let i = 1; i < 64; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1] as number);
    expect(values[0]).toBeGreaterThan(0.1 - 1e-12); // λ(GGᵀ/d + 0.1I) ≥ 0.1
  });

  it('handles indefinite, repeated and zero eigenvalues', () => {
    // A = Q diag(−2, 0, 0, 3, 3) Qᵀ with Q from a random symmetric matrix's eigenvectors.
    const d = 5;
    const g = gaussian(7, d * d);
    const s = new Float64Array(d * d).map((_, k) => (g[k] as number) + (g[(k % d) * d + Math.floor(k / d)] as number));
    const q = symmetricEigen(s, d).vectors;
    const lambda = [-2, 0, 0, 3, 3];
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) {
      a[i * d + j] = (a[i * d + j] as number) + (q[i * d + k] as number) * (lambda[k] as number) * (q[j * d + k] as number);
    }
    const { eig, orth, values } = residuals(a, d);
    expect(eig).toBeLessThan(1e-13);
    expect(orth).toBeLessThan(1e-13);
    lambda.forEach((l, i) => expect(values[i]).toBeCloseTo(l, 13));
  });

  it('solves 1×1, diagonal and 2×2 cases exactly', () => {
    expect([...symmetricEigen(Float64Array.of(4), 1).values]).toEqual([4]);
    expect([...symmetricEigen(Float64Array.of(3, 0, 0, 0, 1, 0, 0, 0, 2), 3).values]).toEqual([1, 2, 3]);
    // [[2, 1], [1, 2]]: eigenvalues 1 and 3.
    const values = symmetricEigenvalues(Float64Array.of(2, 1, 1, 2), 2);
    expect(values[0]).toBeCloseTo(1, 15);
    expect(values[1]).toBeCloseTo(3, 15);
  });

  it('gives the same eigenvalues without vectors (Householder rank-2 updates), odd and even sizes', () => {
    for (const d of [33, 64]) {
      const g = gaussian(d, d * d);
      const a = new Float64Array(d * d).map((_, k) => (g[k] as number) + (g[(k % d) * d + Math.floor(k / d)] as number));
      const withVectors = symmetricEigen(a, d).values;
      const values = symmetricEigenvalues(a, d);
      const scale = Math.max(Math.abs(values[0] as number), Math.abs(values[d - 1] as number));
      for (let i = 0; i < d; i++) expect(Math.abs((values[i] as number) - (withVectors[i] as number))).toBeLessThan(1e-13 * scale);
    }
    // Already tridiagonal (every reflector is the identity) and a known spectrum with a zero.
    symmetricEigenvalues(Float64Array.of(2, 1, 0, 1, 2, 0, 0, 0, 5), 3).forEach((x, i) => expect(x).toBeCloseTo([1, 3, 5][i] as number, 14));
    symmetricEigenvalues(Float64Array.of(1, 1, 1, 1), 2).forEach((x, i) => expect(x).toBeCloseTo([0, 2][i] as number, 15));
  });
});
