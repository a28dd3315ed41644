import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { lcgValues } from '../test-support/torch-reference.js';
import { spectralNorm, spectralNormInit } from './spectral-norm.js';

const TOL = { rtol: 1e-4, atol: 1e-6 };

/** Largest singular value of M [rows, cols] by float64 power iteration on MᵀM (host reference). */
function largestSingularValue(m: Float32Array, rows: number, cols: number): number {
  let x = new Float64Array(cols).fill(1);
  let sigma = 0;
  for (let it = 0; it < 2000; it++) {
    const mx = new Float64Array(rows);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mx[r] = (mx[r] as number) + (m[r * cols + c] as number) * (x[c] as number);
    const next = new Float64Array(cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) next[c] = (next[c] as number) + (m[r * cols + c] as number) * (mx[r] as number);
    const norm = Math.hypot(...next);
    sigma = Math.sqrt(norm / Math.hypot(...x));
    x = next.map((v) => v / norm);
  }
  return sigma;
}

const normalize = (a: number[]): number[] => { const n = Math.hypot(...a); return a.map((v) => v / n); };

describeWithBackends('spectralNorm', ALL_BACKENDS, () => {
  it('σ converges to the largest singular value of random kernels; W/σ then has spectral norm 1', async () => {
    for (const [shape, seed] of [[[3, 3, 4, 6], 1], [[20, 7], 2]] as const) {
      const out = shape[shape.length - 1] as number;
      const values = lcgValues(shape.reduce((a: number, b: number) => a * b, 1), 100 + seed);
      const kernel = tf.tensor(values, [...shape]);
      let vectors = spectralNormInit(createRng(seed), shape);
      let sigma = 0;
      for (let i = 0; i < 200; i++) {
        const next = spectralNorm(kernel, vectors, true);
        sigma = (await next.sigma.data())[0] as number;
        const normalised = (await next.kernel.data()) as Float32Array;
        tf.dispose([vectors.u, vectors.v, next.kernel, next.sigma]);
        vectors = { u: next.u, v: next.v };
        if (i === 199) expect(largestSingularValue(normalised, values.length / out, out)).toBeCloseTo(1, 4);
      }
      const truth = largestSingularValue(values, values.length / out, out);
      expect(Math.abs(sigma - truth) / truth).toBeLessThan(1e-4);
      tf.dispose([kernel, vectors.u, vectors.v]);
    }
  });

  it('σ of diag(3, 1, 0.5) is 3 (closed form)', async () => {
    const kernel = tf.tensor2d([[3, 0, 0], [0, 1, 0], [0, 0, 0.5]]);
    let vectors = spectralNormInit(createRng(5), [3, 3]);
    let sigma = tf.scalar(0);
    for (let i = 0; i < 60; i++) {
      const next = spectralNorm(kernel, vectors, true);
      tf.dispose([vectors.u, vectors.v, next.kernel, sigma]);
      vectors = next;
      sigma = next.sigma;
    }
    await expectTensorClose(sigma, 3, TOL);
    tf.dispose([kernel, vectors.u, vectors.v, sigma]);
  });

  it('one training call follows torch: v ← normalize(M u), u ← normalize(Mᵀ v), σ = vᵀ M u; the gradient of σ is v uᵀ', async () => {
    // M = reshape(kernel, [rest, out]) = [[1, 2], [3, -1], [0, 1]] (PyTorch's weight is Mᵀ).
    const m = [[1, 2], [3, -1], [0, 1]];
    const u0 = normalize([0.6, -0.8]);
    const kernel = tf.tensor2d(m);
    const u = tf.tensor1d(u0);
    const v = tf.tensor1d([1, 0, 0]);
    const v1 = normalize(m.map((row) => (row[0] as number) * (u0[0] as number) + (row[1] as number) * (u0[1] as number)));
    const u1 = normalize([0, 1].map((c) => m.reduce((acc, row, r) => acc + (row[c] as number) * (v1[r] as number), 0)));
    const sigma = m.reduce((acc, row, r) => acc + (v1[r] as number) * ((row[0] as number) * (u1[0] as number) + (row[1] as number) * (u1[1] as number)), 0);
    const out = spectralNorm(kernel, { u, v }, true);
    await expectTensorClose(out.v, v1, TOL);
    await expectTensorClose(out.u, u1, TOL);
    await expectTensorClose(out.sigma, sigma, TOL);
    await expectTensorClose(out.kernel, m.flat().map((x) => x / sigma), TOL);
    const grad = tf.grad((k: tf.Tensor) => spectralNorm(k, { u, v }, true).sigma)(kernel);
    await expectTensorClose(grad, v1.flatMap((vi) => u1.map((ui) => vi * ui)), TOL);
    tf.dispose([kernel, u, v, grad, out.u, out.v, out.kernel, out.sigma]);
  });

  it('eval uses the stored u, v without iterating and returns them unchanged', async () => {
    const kernel = tf.tensor2d([[1, 2], [3, -1], [0, 1]]);
    const u = tf.tensor1d([0.6, -0.8]);
    const v = tf.tensor1d([0, 1, 0]);
    const out = spectralNorm(kernel, { u, v }, false);
    // σ = vᵀ M u = row 1 · u = 3·0.6 + (−1)(−0.8) = 2.6.
    await expectTensorClose(out.sigma, 2.6, TOL);
    expect(out.u).toBe(u);
    expect(out.v).toBe(v);
    tf.dispose([kernel, u, v, out.kernel, out.sigma]);
  });
});
