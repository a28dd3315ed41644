import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { describe, expect, it } from 'vitest';
import { twoCluster } from './two-cluster.js';

describe('twoCluster', () => {
  it('is papers §2.3: x_i = c_{i mod 2} + 0.3·u_i with c = (0, 4), and z_i = 10(u′_i − ½)', () => {
    const data = twoCluster();
    expect(data.size).toBe(100);
    const u = createRng(0).fold('points').uniform(100);
    const v = createRng(0).fold('latents').uniform(100);
    for (let i = 0; i < 100; i++) {
      expect(data.points[i]).toBe((i % 2 === 0 ? 0 : 4) + 0.3 * u[i]!);
      expect(data.latents[i]).toBe(10 * (v[i]! - 0.5));
      expect(data.latents[i]! >= -5 && data.latents[i]! < 5).toBe(true);
      expect(data.labels![i]).toBe(i % 2);
    }
    expect(data.centers).toEqual([0, 4]);
    // 50 points per cluster, each U[c, c + 0.3): cluster means c + 0.15 ± 5·0.3/√(12·50).
    for (const c of [0, 1]) {
      const mean = data.points.filter((_, i) => i % 2 === c).reduce((a, b) => a + b, 0) / 50;
      expect(Math.abs(mean - (4 * c + 0.15))).toBeLessThan(5 * 0.3 / Math.sqrt(600));
    }
  });
});

describeWithBackends('twoCluster batches', ALL_BACKENDS, () => {
  it('yields the whole set in index order every step, so x_i stays paired with z_i', async () => {
    const data = twoCluster({ seed: 3 });
    const expected = Array.from(Float32Array.from(data.points));
    let steps = 0;
    for await (const x of data.batches({ batchSize: 100, rng: createRng(1), startStep: 41 })) {
      expect(x.shape).toEqual([100, 1]);
      expect(Array.from(await x.data())).toEqual(expected);
      x.dispose();
      if (++steps === 3) break;
    }
    expect(twoCluster({ seed: 3, count: 10 }).points[1]).toBe(data.points[1]);
    expect(() => twoCluster({ count: 0 })).toThrowError(/count: must be an integer/);
  });
});
