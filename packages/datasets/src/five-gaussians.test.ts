import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { describe, expect, it } from 'vitest';
import { fiveGaussians } from './five-gaussians.js';

describe('fiveGaussians', () => {
  it('is papers §2.4: 2000 points around each (cos 72°k, sin 72°k) with covariance 0.002·I', async () => {
    const data = fiveGaussians();
    expect(data.size).toBe(10_000);
    expect(data.std).toBeCloseTo(Math.sqrt(0.002), 15);
    expect(data.centers[1]![0]).toBeCloseTo(Math.cos((72 * Math.PI) / 180), 15);
    expect(data.centers[1]![1]).toBeCloseTo(Math.sin((72 * Math.PI) / 180), 15);
    const xy = await data.read(Int32Array.from({ length: 10_000 }, (_, i) => i));
    for (let k = 0; k < 5; k++) {
      const [cx, cy] = data.centers[k]!;
      let [sx, sy, sxx, syy, sxy] = [0, 0, 0, 0, 0];
      for (let i = 2000 * k; i < 2000 * (k + 1); i++) {
        expect(data.labels![i]).toBe(k);
        const [dx, dy] = [xy[2 * i]! - cx, xy[2 * i + 1]! - cy];
        [sx, sy, sxx, syy, sxy] = [sx + dx, sy + dy, sxx + dx * dx, syy + dy * dy, sxy + dx * dy];
      }
      // Mean offset: sd σ/√2000 = 1.0e-3, bound 5 sd. Second moments 0.002 (0 off-diagonal):
      // sd 0.002·√(2/2000) = 6.3e-5 (off-diagonal 4.5e-5), bound 5 sd.
      expect(Math.abs(sx / 2000)).toBeLessThan(5e-3);
      expect(Math.abs(sy / 2000)).toBeLessThan(5e-3);
      expect(Math.abs(sxx / 2000 - 0.002)).toBeLessThan(3.2e-4);
      expect(Math.abs(syy / 2000 - 0.002)).toBeLessThan(3.2e-4);
      expect(Math.abs(sxy / 2000)).toBeLessThan(2.3e-4);
    }
  });
});

describeWithBackends('fiveGaussians batches', ALL_BACKENDS, () => {
  it('shuffles each epoch and drops the last short batch: 78 batches of 128', async () => {
    const data = fiveGaussians({ samplesPerMode: 2000, seed: 1 });
    let batches = 0;
    for await (const x of data.batches({ batchSize: 128, rng: createRng(0), epochs: 1, prefetch: 0 })) {
      expect(x.shape).toEqual([128, 2]);
      x.dispose();
      batches++;
    }
    expect(batches).toBe(78);
    expect(() => fiveGaussians({ samplesPerMode: 0 })).toThrowError(/samplesPerMode: must be an integer/);
  });
});
