import * as tf from '@tensorflow/tfjs-core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/metrics.json' with { type: 'json' };
import { gaussian, randomSpd } from './__fixtures__/gaussian.js';
import { frechetDistance } from './frechet-distance.js';
import { featuresToStatistics, type FeatureStatistics } from './statistics.js';

function stats(mean: readonly number[], covariance: readonly number[], n = 100, extractor?: string): FeatureStatistics {
  return { mean: Float64Array.from(mean), covariance: Float64Array.from(covariance), featureSize: mean.length, n, ...(extractor === undefined ? {} : { extractor }) };
}

function diagonal(values: readonly number[]): number[] {
  const d = values.length;
  return Array.from({ length: d * d }, (_, k) => (k % (d + 1) === 0 ? (values[k / (d + 1)] as number) : 0));
}

describe('frechetDistance closed forms (papers §6.6 item 1)', () => {
  it('is 0 for identical statistics, by both routes', () => {
    const a = stats(Array.from(gaussian(3, 64)), Array.from(randomSpd(4, 64)));
    expect(Math.abs(frechetDistance(a, a).value)).toBeLessThan(1e-6);
    expect(Math.abs(frechetDistance(a, a, { method: 'sqrtm' }).value)).toBeLessThan(1e-6);
  });

  it('is (μ₁ − μ₂)² + (σ₁ − σ₂)² for 1-D Gaussians', () => {
    const r = frechetDistance(stats([1.5], [0.25]), stats([-0.5], [4]));
    // (1.5 + 0.5)² + (0.5 − 2)² = 4 + 2.25
    expect(r.value).toBeCloseTo(6.25, 13);
    expect(r.meanTerm).toBeCloseTo(4, 14);
    expect(r.covarianceTerm).toBeCloseTo(2.25, 13);
  });

  it('is ‖μ₁ − μ₂‖² + Σ(√a − √b)² for diagonal covariances', () => {
    const a = [0.1, 1, 2, 9, 0.5];
    const b = [4, 1, 0.3, 1e-3, 7];
    const mu1 = [0, 1, 2, 3, 4];
    const mu2 = [1, 1, 1, 1, 1];
    const expected = mu1.reduce((s, m, i) => s + (m - (mu2[i] as number)) ** 2, 0)
      + a.reduce((s, x, i) => s + (Math.sqrt(x) - Math.sqrt(b[i] as number)) ** 2, 0);
    for (const method of ['eigh', 'sqrtm'] as const) {
      expect(frechetDistance(stats(mu1, diagonal(a)), stats(mu2, diagonal(b)), { method }).value).toBeCloseTo(expected, 12);
    }
  });

  it('agrees between the symmetric-eig and sqrtm routes to 1e-8 on random SPD 64×64', () => {
    for (const seed of [10, 11, 12]) {
      const a = stats(Array.from(gaussian(seed, 64)), Array.from(randomSpd(seed + 100, 64)));
      const b = stats(Array.from(gaussian(seed + 1, 64)), Array.from(randomSpd(seed + 200, 64, 0.01)));
      const eigh = frechetDistance(a, b);
      const sqrtm = frechetDistance(a, b, { method: 'sqrtm' });
      expect(sqrtm.protocol.offset).toBe(0);
      expect(Math.abs(eigh.value - sqrtm.value)).toBeLessThan(1e-8);
    }
  });

  it("agrees between the Cholesky ('eigh') and eigen-root ('eigh-root') routes on full-rank and n < d statistics", async () => {
    const d = 48;
    const full = await featuresToStatistics({ values: gaussian(20, 3 * d * d), shape: [3 * d, d] });
    const low = await featuresToStatistics({ values: gaussian(21, 20 * d).map((x, k) => x * (1 + (k % d))), shape: [20, d] });
    for (const [a, b] of [[full, low], [low, full], [low, low]] as const) {
      const eigh = frechetDistance(a, b);
      const root = frechetDistance(a, b, { method: 'eigh-root' });
      expect(root.protocol.method).toBe('eigh-root');
      expect(Math.abs(eigh.value - root.value)).toBeLessThan(1e-10 * root.value + 1e-10);
    }
  });

  it('is 0 for rank-deficient identical covariances (the eig route needs no ε)', async () => {
    const x = { values: gaussian(5, 5 * 16), shape: [5, 16] as const };
    const s = await featuresToStatistics(x);
    expect(Math.abs(frechetDistance(s, s).value)).toBeLessThan(1e-10);
  });
});

describe('frechetDistance against pytorch-fid (scipy.linalg.sqrtm), tooling/reference/fid.py', () => {
  const { d, real, fake } = fixture.features;
  const realFeatures = { values: real, shape: [fixture.features.nReal, d] as const };
  const fakeFeatures = { values: fake, shape: [fixture.features.nFake, d] as const };

  it('matches on full-rank statistics (n > d) by both routes', async () => {
    const a = await featuresToStatistics(realFeatures);
    const b = await featuresToStatistics(fakeFeatures);
    expect(frechetDistance(a, b).value).toBeCloseTo(fixture.fid.full, 11);
    expect(frechetDistance(a, b, { method: 'sqrtm' }).value).toBeCloseTo(fixture.fid.full, 11);
  });

  it('matches on rank-deficient statistics (n < d)', async () => {
    const { nReal, nFake, value, exact } = fixture.fid.rankDeficient;
    const a = await featuresToStatistics({ values: real.slice(0, nReal * d), shape: [nReal, d] });
    const b = await featuresToStatistics({ values: fake.slice(0, nFake * d), shape: [nFake, d] });
    const fid = frechetDistance(a, b).value;
    // Against the 60-digit mpmath value; scipy's sqrtm of the singular product is off by 2.7e-7
    // (√ε-sized round-off per zero eigenvalue), so it gets the looser bound.
    expect(Math.abs(fid - exact)).toBeLessThan(1e-10);
    expect(Math.abs(fid - value)).toBeLessThan(1e-6);
    // The sqrtm route needs pytorch-fid's 1e-6·I retry here, which biases FID by O(√ε·λ): measured 1.8e-3.
    const sqrtm = frechetDistance(a, b, { method: 'sqrtm' });
    expect(sqrtm.protocol.offset).toBe(1e-6);
    expect(Math.abs(sqrtm.value - exact)).toBeLessThan(5e-3);
  });

  it('matches Tr sqrtm(Σ₁Σ₂) of random SPD 32×32', () => {
    const { d: n, a, b, traceSqrtProduct } = fixture.spd;
    const zero = new Array<number>(n).fill(0);
    const trA = a.reduce((s, x, k) => s + (k % (n + 1) === 0 ? x : 0), 0);
    const trB = b.reduce((s, x, k) => s + (k % (n + 1) === 0 ? x : 0), 0);
    const fid = frechetDistance(stats(zero, a), stats(zero, b)).value;
    expect((trA + trB - fid) / 2).toBeCloseTo(traceSqrtProduct, 11);
  });
});

describe('frechetDistance sqrtm route fallback', () => {
  it('retries a singular product with 1e-6·I, as pytorch-fid does, and records the offset', () => {
    const a = stats([0, 0], [1, 0, 0, 0]);
    const b = stats([0, 0], [4, 0, 0, 0]);
    const r = frechetDistance(a, b, { method: 'sqrtm' });
    expect(r.protocol.offset).toBe(1e-6);
    // Exact: (√1 − √4)² = 1; the offset perturbs it by O(1e-6).
    expect(Math.abs(r.value - 1)).toBeLessThan(1e-5);
    expect(frechetDistance(a, b).value).toBeCloseTo(1, 14);
  });
});

describe('frechetDistance protocol and bad input', () => {
  it('records the protocol', () => {
    const r = frechetDistance(stats([0], [1], 10, 'toy'), stats([1], [1], 20, 'toy'));
    expect(r.protocol).toEqual({ metric: 'fid', extractor: 'toy', featureSize: 1, nReal: 10, nFake: 20, method: 'eigh', offset: 0 });
  });

  it('refuses mismatched sizes, extractors, methods and non-finite statistics', () => {
    expect(() => frechetDistance(stats([0], [1]), stats([0, 0], [1, 0, 0, 1]))).toThrowError(/fake: both statistics must have the same feature size/);
    expect(() => frechetDistance(stats([0], [1], 2, 'a'), stats([0], [1], 2, 'b'))).toThrowError(/fake.extractor: statistics from different extractors/);
    expect(() => frechetDistance(stats([0], [1]), stats([0], [1]), { method: 'svd' as 'eigh' })).toThrowError(/method: unknown method/);
    expect(() => frechetDistance(stats([NaN], [1]), stats([0], [1]))).toThrowError(/real: statistics must be finite/);
  });
});

describeWithBackends('frechetDistance from tensors', ALL_BACKENDS, () => {
  it('reads [n, d] tensors and leaves them to the caller', async () => {
    const x = tf.tensor2d([[0, 1], [2, 3], [4, 7]]);
    const s = await featuresToStatistics(x);
    expect(Math.abs(frechetDistance(s, s).value)).toBeLessThan(1e-12);
    expect([...s.mean]).toEqual([2, 11 / 3]);
    expect(x.isDisposed).toBe(false);
    x.dispose();
  });
});
