import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import { gaussianRing } from './gaussian-ring.js';

async function firstBatches(seed: number, count: number, batchSize: number): Promise<Float32Array[]> {
  const ring = gaussianRing();
  const out: Float32Array[] = [];
  for await (const batch of ring.batches({ batchSize, rng: createRng(seed) })) {
    out.push((await batch.data()) as Float32Array);
    batch.dispose();
    if (out.length === count) break;
  }
  return out;
}

describeWithBackends('gaussianRing', ALL_BACKENDS, () => {
  it('puts 8 centres on the circle of radius 2', () => {
    const { centers } = gaussianRing();
    expect(centers).toHaveLength(8);
    for (const [x, y] of centers) expect(Math.abs(Math.hypot(x, y) - 2)).toBeLessThan(1e-12);
    expect(centers[2]?.[1]).toBeCloseTo(2, 12);
  });

  it('samples each mode with weight 1/8 and spread σ = 0.02', async () => {
    const [batch] = await firstBatches(0, 1, 16_000);
    const ring = gaussianRing();
    const counts = new Array<number>(8).fill(0);
    let sq = 0;
    for (let i = 0; i < 16_000; i++) {
      const x = batch![2 * i] as number;
      const y = batch![2 * i + 1] as number;
      const k = ((Math.round((Math.atan2(y, x) / (2 * Math.PI)) * 8) % 8) + 8) % 8;
      const [cx, cy] = ring.centers[k]!;
      counts[k]!++;
      sq += (x - cx) ** 2 + (y - cy) ** 2;
    }
    // Binomial(16000, 1/8): sd ≈ 41.8, so ±5 sd = ±209 around 2000.
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(209);
    // E‖x − c‖² = 2σ² = 8e-4; the sample mean over 16000 points has sd ≈ 6.3e-6.
    expect(Math.abs(sq / 16_000 - 8e-4)).toBeLessThan(4e-5);
  });

  it('is reproducible from the seed and differs across seeds and batches', async () => {
    const a = await firstBatches(7, 2, 32);
    const b = await firstBatches(7, 2, 32);
    const c = await firstBatches(8, 1, 32);
    expect(Array.from(a[0]!)).toEqual(Array.from(b[0]!));
    expect(Array.from(a[1]!)).toEqual(Array.from(b[1]!));
    expect(Array.from(a[0]!)).not.toEqual(Array.from(a[1]!));
    expect(Array.from(a[0]!)).not.toEqual(Array.from(c[0]!));
  });

  it('refuses bad shapes with the field named', async () => {
    expect(() => gaussianRing({ modes: 0 })).toThrowError(/modes: must be an integer in \[1, 10000\] \(got 0\)/);
    const it = gaussianRing().batches({ batchSize: -1, rng: createRng(0) })[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toThrowError(/batchSize/);
  });
});
