import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/metrics.json' with { type: 'json' };
import { gaussian } from './__fixtures__/gaussian.js';
import { kernelInceptionDistance } from './kernel-inception-distance.js';

/** The unbiased MMD² of two whole sets, written directly from its definition with an O(n²) loop. */
function mmd2Direct(x: ArrayLike<number>, y: ArrayLike<number>, m: number, d: number, gamma: number, coef0: number, degree: number): number {
  const k = (a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number): number => {
    let dot = 0;
    for (let c = 0; c < d; c++) dot += (a[i * d + c] as number) * (b[j * d + c] as number);
    return (gamma * dot + coef0) ** degree;
  };
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i !== j) {
        xx += k(x, i, x, j);
        yy += k(y, i, y, j);
      }
      xy += k(x, i, y, j);
    }
  }
  return xx / (m * (m - 1)) + yy / (m * (m - 1)) - (2 * xy) / (m * m);
}

describe('kernelInceptionDistance', () => {
  it('is s⁶ − 6s² − 8 for X = {1, −1}, Y = X + s (1-D, k(x, y) = (xy + 1)³)', async () => {
    // k(1, −1) = 0; k(1+s, −1+s) = ((s² − 1) + 1)³ = s⁶; the cross sum is
    // (2+s)³ + s³ + (−s)³ + (2−s)³ = 16 + 12s², so MMD²_u = 0 + s⁶ − 2(16 + 12s²)/4.
    for (const s of [0, 0.5, 2]) {
      const r = await kernelInceptionDistance({ values: [1, -1], shape: [2, 1] }, { values: [1 + s, -1 + s], shape: [2, 1] }, { subsets: 1, subsetSize: 2 });
      expect(r.mean).toBeCloseTo(s ** 6 - 6 * s ** 2 - 8, 12);
    }
  });

  it('equals the direct O(n²) MMD² when one subset holds every sample', async () => {
    const m = 40;
    const d = 5;
    const x = gaussian(31, m * d);
    const y = gaussian(32, m * d).map((v, i) => 1.2 * v + (i % d === 0 ? 0.7 : 0));
    const r = await kernelInceptionDistance({ values: x, shape: [m, d] }, { values: y, shape: [m, d] }, { subsets: 3, subsetSize: m });
    const expected = mmd2Direct(x, y, m, d, 1 / d, 1, 3);
    expect(Math.abs(r.mean - expected)).toBeLessThan(1e-12 * Math.abs(expected));
    expect(r.std).toBeLessThan(1e-12 * Math.abs(expected)); // every subset is a permutation of the whole sets
  });

  it('matches torch-fidelity\'s mmd2 (tooling/reference/fid.py)', async () => {
    const { d, real, fake } = fixture.features;
    const { nReal, nFake, mmd2 } = fixture.kid;
    const r = await kernelInceptionDistance({ values: real.slice(0, nReal * d), shape: [nReal, d] }, { values: fake.slice(0, nFake * d), shape: [nFake, d] }, { subsets: 1, subsetSize: nReal });
    expect(r.mean).toBeCloseTo(mmd2, 12);
  });

  it('is near 0 for two samples of one distribution, and clearly positive for a shifted one', async () => {
    const n = 300;
    const d = 4;
    const x = { values: gaussian(41, n * d), shape: [n, d] as const };
    const y = { values: gaussian(42, n * d), shape: [n, d] as const };
    const options = { subsets: 20, subsetSize: 100, seed: 3 };
    const same = await kernelInceptionDistance(x, y, options);
    // Unbiased: E[MMD²_u] = 0. Each subset estimate has spread `std`, and their mean (over
    // correlated subsets) spreads at most as much, so |mean| < 3·std is a 3-sigma bound.
    expect(Math.abs(same.mean)).toBeLessThan(3 * same.std);
    const shifted = await kernelInceptionDistance(x, { values: y.values.map((v) => v + 1), shape: y.shape }, options);
    expect(shifted.mean).toBeGreaterThan(20 * (Math.abs(same.mean) + same.std));
    // Seeded: the same options give the same subsets.
    expect((await kernelInceptionDistance(x, y, options)).mean).toBe(same.mean);
    expect(same.protocol).toEqual({ metric: 'kid', nReal: n, nFake: n, subsets: 20, subsetSize: 100, degree: 3, gamma: 0.25, coef0: 1, seed: 3 });
  });

  it('refuses subsets larger than a set, mismatched widths and bad options', async () => {
    const x = { values: new Float64Array(10 * 2), shape: [10, 2] as const };
    await expect(kernelInceptionDistance(x, x)).rejects.toThrowError(/real: at least 1000 rows are needed \(got 10\)/);
    await expect(kernelInceptionDistance(x, { values: new Float64Array(30), shape: [10, 3] }, { subsetSize: 5 })).rejects.toThrowError(/fake: features must have 2 columns/);
    await expect(kernelInceptionDistance(x, x, { subsetSize: 1 })).rejects.toThrowError(/subsetSize: subsetSize must be an integer ≥ 2/);
    await expect(kernelInceptionDistance(x, x, { subsets: 0 })).rejects.toThrowError(/subsets: /);
    await expect(kernelInceptionDistance(x, x, { subsetSize: 5, degree: 1.5 })).rejects.toThrowError(/degree: /);
  });
});
