import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { describe, expect, it } from 'vitest';
import { hostNormal } from './host-normal.js';
import { spikedCovariance } from './spiked-covariance.js';

const n = 6;
const lambdas = [5, 3];
const eta = 2;

/** A random n×2 U with orthonormal columns (Gram–Schmidt), row-major. */
function randomFeatures(): Float64Array {
  const g = hostNormal(createRng(77), 2 * n);
  const a = Array.from({ length: n }, (_, i) => g[2 * i]!);
  const b = Array.from({ length: n }, (_, i) => g[2 * i + 1]!);
  const norm = (v: number[]) => Math.hypot(...v);
  const u1 = a.map((v) => v / norm(a));
  const dot = b.reduce((s, v, i) => s + v * u1[i]!, 0);
  const r = b.map((v, i) => v - dot * u1[i]!);
  const u2 = r.map((v) => v / norm(r));
  return Float64Array.from({ length: 2 * n }, (_, j) => (j % 2 === 0 ? u1 : u2)[Math.floor(j / 2)]!);
}

describe('spikedCovariance', () => {
  it('has E y yᵀ = UΛUᵀ + η_T·I, and the closed-form loss term of papers §3.9 (1)', () => {
    const features = randomFeatures();
    const real = spikedCovariance({ dimension: n, lambdas, noise: eta, features });
    const m = 40_000;
    const y = real.sample(createRng(1), m);
    const cov = new Float64Array(n * n);
    for (let s = 0; s < m; s++) {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) cov[i * n + j]! += (y[s * n + i]! * y[s * n + j]!) / m;
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const sigma = (a: number, b: number) => (a === b ? eta : 0) + lambdas.reduce((t, l, k) => t + l * features[a * 2 + k]! * features[b * 2 + k]!, 0);
        // sd of a sample second moment: √((Σ_ii Σ_jj + Σ_ij²)/m); bound 5 sd.
        const sd = Math.sqrt((sigma(i, i) * sigma(j, j) + sigma(i, j) ** 2) / m);
        expect(Math.abs(cov[i * n + j]! - sigma(i, j))).toBeLessThan(5 * sd);
      }
    }
    // A unit w: ½ E(wᵀy)² = ½(qᵀΛq + η_T), q = Uᵀw, within 3 standard errors of the sample mean.
    const w = Float64Array.from({ length: n }, (_, i) => (i + 1) / Math.sqrt(91));
    const q = [0, 1].map((k) => w.reduce((t, v, i) => t + v * features[i * 2 + k]!, 0));
    const expected = 0.5 * (lambdas[0]! * q[0]! ** 2 + lambdas[1]! * q[1]! ** 2 + eta);
    const terms = Array.from({ length: m }, (_, s) => 0.5 * w.reduce((t, v, i) => t + v * y[s * n + i]!, 0) ** 2);
    const mean = terms.reduce((a, b) => a + b, 0) / m;
    const se = Math.sqrt(terms.reduce((a, b) => a + (b - mean) ** 2, 0) / (m - 1) / m);
    expect(Math.abs(mean - expected)).toBeLessThan(3 * se);
  });

  it('refuses non-orthonormal features and bad sizes', () => {
    const skew = new Float64Array(2 * n).fill(0.5);
    expect(() => spikedCovariance({ dimension: n, lambdas, noise: eta, features: skew })).toThrowError(/features: columns are not orthonormal/);
    expect(() => spikedCovariance({ dimension: n, lambdas, noise: eta, features: new Float64Array(3) })).toThrowError(/features: holds 3 values/);
    expect(() => spikedCovariance({ dimension: n, lambdas: [], noise: eta })).toThrowError(/lambdas: must be 1 to 6/);
    expect(() => spikedCovariance({ dimension: n, lambdas, noise: -1 })).toThrowError(/noise: must be a finite number ≥ 0/);
  });
});

describeWithBackends('spikedCovariance batches', ALL_BACKENDS, () => {
  it('batches are float32 copies of sample(rng.fold(step), batchSize), resumable', async () => {
    const real = spikedCovariance({ dimension: n, lambdas, noise: eta });
    expect(real.features[0]).toBe(1);
    expect(real.features[3]).toBe(1);
    for await (const x of real.batches({ batchSize: 4, rng: createRng(2), startStep: 9 })) {
      expect(x.shape).toEqual([4, n]);
      expect(Array.from(await x.data())).toEqual(Array.from(Float32Array.from(real.sample(createRng(2).fold(9), 4))));
      x.dispose();
      break;
    }
  });
});
