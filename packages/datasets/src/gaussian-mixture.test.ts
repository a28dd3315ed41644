import type * as tf from '@tensorflow/tfjs-core';
import { createRng, type BatchSource } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import { ganLabDistribution } from './ganlab-distributions.js';
import { gaussianGrid } from './gaussian-grid.js';
import { gaussianMixture } from './gaussian-mixture.js';
import type { PipelineOptions } from './pipeline.js';

async function batch(source: BatchSource<tf.Tensor2D> & { batches(o: PipelineOptions): AsyncIterable<tf.Tensor2D> }, options: PipelineOptions): Promise<Float32Array> {
  for await (const x of source.batches(options)) {
    const values = (await x.data()) as Float32Array;
    x.dispose();
    return values;
  }
  throw new Error('no batch');
}

/** Sample mean and (population) covariance of n 2-D points. */
function moments(xy: Float32Array): { mean: [number, number]; cov: [number, number, number] } {
  const n = xy.length / 2;
  let [sx, sy] = [0, 0];
  for (let i = 0; i < n; i++) [sx, sy] = [sx + xy[2 * i]!, sy + xy[2 * i + 1]!];
  const [mx, my] = [sx / n, sy / n];
  let [vxx, vyy, vxy] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const [dx, dy] = [xy[2 * i]! - mx, xy[2 * i + 1]! - my];
    [vxx, vyy, vxy] = [vxx + dx * dx, vyy + dy * dy, vxy + dx * dy];
  }
  return { mean: [mx, my], cov: [vxx / n, vyy / n, vxy / n] };
}

const N = 20_000;

describeWithBackends('gaussian mixtures', ALL_BACKENDS, () => {
  it('grid: 25 centres (−4 + 2j, −4 + 2i), each with weight 1/25 and spread σ = 0.05', async () => {
    const grid = gaussianGrid();
    expect(grid.name).toBe('grid-5x5');
    expect(grid.centers).toHaveLength(25);
    expect(grid.centers[0]).toEqual([-4, -4]);
    expect(grid.centers[7]).toEqual([0, -2]);
    expect(grid.centers[24]).toEqual([4, 4]);
    const xy = await batch(grid, { batchSize: N, rng: createRng(1) });
    const counts = new Array<number>(25).fill(0);
    let sq = 0;
    for (let i = 0; i < N; i++) {
      const [x, y] = [xy[2 * i]!, xy[2 * i + 1]!];
      const k = 5 * Math.round((y + 4) / 2) + Math.round((x + 4) / 2);
      counts[k]!++;
      sq += (x - grid.centers[k]![0]) ** 2 + (y - grid.centers[k]![1]) ** 2;
    }
    // Papers §4.3's mixture bound: each fraction is 1/K ± 3·√((1/K)(1 − 1/K)/N).
    const bound = 3 * Math.sqrt((1 / 25) * (24 / 25) / N);
    for (const c of counts) expect(Math.abs(c / N - 1 / 25)).toBeLessThan(bound);
    // E‖x − c‖² = 2σ² = 5e-3; its sample mean has sd 2σ²/√N ≈ 3.5e-5 (‖·‖²/σ² ~ χ²₂).
    expect(Math.abs(sq / N - 5e-3)).toBeLessThan(1.8e-4);
  });

  it('resumes from startStep with the batches of an uninterrupted stream', async () => {
    const mix = gaussianMixture({ centers: [[0, 0], [3, 3]], std: 0.5 });
    expect(mix.name).toBe('mixture-2');
    const stream: Float32Array[] = [];
    for await (const x of mix.batches({ batchSize: 8, rng: createRng(4) })) {
      stream.push((await x.data()) as Float32Array);
      x.dispose();
      if (stream.length === 5) break;
    }
    expect(Array.from(await batch(mix, { batchSize: 8, rng: createRng(4), startStep: 3 }))).toEqual(Array.from(stream[3]!));
  });

  it('GAN Lab ring, line and two hills have their closed-form moments', async () => {
    // Bounds are 5 standard errors of each sample moment over N points.
    const ring = moments(await batch(ganLabDistribution('ring'), { batchSize: N, rng: createRng(2) }));
    expect(Math.abs(ring.mean[0] - 0.5)).toBeLessThan(5 * Math.sqrt(0.045 / N));
    expect(Math.abs(ring.mean[1] - 0.45)).toBeLessThan(5 * Math.sqrt(0.032 / N));
    expect(Math.abs(ring.cov[0] - (0.3 ** 2 / 2 + 0.025 ** 2))).toBeLessThan(5 * 0.045 / Math.sqrt(2 * N));
    expect(Math.abs(ring.cov[1] - (0.25 ** 2 / 2 + 0.025 ** 2))).toBeLessThan(5 * 0.032 / Math.sqrt(2 * N));
    const line = moments(await batch(ganLabDistribution('line'), { batchSize: N, rng: createRng(3) }));
    expect(Math.abs(line.mean[0] - 0.425)).toBeLessThan(5 * Math.sqrt(0.047 / N));
    expect(Math.abs(line.mean[1] - 0.75)).toBeLessThan(5 * Math.sqrt(0.0076 / N));
    expect(Math.abs(line.cov[0] - (0.75 ** 2 / 12 + 1e-4))).toBeLessThan(5 * 0.047 / Math.sqrt(N));
    expect(Math.abs(line.cov[2] - -(0.75 * 0.3) / 12)).toBeLessThan(5 * 0.02 / Math.sqrt(N));
    const hills = moments(await batch(ganLabDistribution('gaussians'), { batchSize: N, rng: createRng(4) }));
    expect(Math.abs(hills.mean[0] - 0.5)).toBeLessThan(5 * Math.sqrt(0.05 / N));
    expect(Math.abs(hills.mean[1] - 0.55)).toBeLessThan(5 * Math.sqrt(0.05 / N));
  });

  it('GAN Lab disjoint: three modes with weights 0.333, 0.333, 0.334', async () => {
    const xy = await batch(ganLabDistribution('disjoint'), { batchSize: N, rng: createRng(5) });
    const centers = [[0.35, 0.75], [0.75, 0.6], [0.45, 0.35]] as const;
    const counts = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      const d = centers.map(([cx, cy]) => Math.hypot(xy[2 * i]! - cx, xy[2 * i + 1]! - cy));
      counts[d.indexOf(Math.min(...d))]!++;
    }
    [0.333, 0.333, 0.334].forEach((p, k) => expect(Math.abs(counts[k]! / N - p)).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / N)));
  });

  it('refuses bad shapes with the field named', () => {
    expect(() => gaussianGrid({ rows: 0 })).toThrowError(/rows: must be an integer in \[1, 100\] \(got 0\)/);
    expect(() => gaussianMixture({ centers: [], std: 1 })).toThrowError(/centers: must be a list of 1 to 10000 points/);
    expect(() => gaussianMixture({ centers: [[0, NaN]], std: 1 })).toThrowError(/centers: must be finite/);
    expect(() => ganLabDistribution('spiral' as 'ring')).toThrowError(/name: must be one of ring, line, gaussians, disjoint \(got "spiral"\)/);
  });
});
