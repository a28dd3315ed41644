import * as tf from '@tensorflow/tfjs-core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { lcgValues } from '../test-support/torch-reference.js';
import { batchNorm } from './batch-norm.js';

const TOL = { rtol: 1e-4, atol: 1e-5 };

describeWithBackends('batchNorm', ALL_BACKENDS, () => {
  // x: [n=2, h=2, w=3, c=2]; per channel N = 12 values.
  const values = lcgValues(24, 11, 2);
  const gamma = [1.5, -0.5];
  const beta = [0.1, 0.2];
  const rm = [0.3, -0.2];
  const rv = [2, 0.5];

  function channelStats(c: number): { mean: number; biased: number; unbiased: number } {
    const xs = Array.from(values).filter((_, i) => i % 2 === c);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const ss = xs.reduce((a, b) => a + (b - mean) ** 2, 0);
    return { mean, biased: ss / xs.length, unbiased: ss / (xs.length - 1) };
  }

  function tensors() {
    return { gamma: tf.tensor1d(gamma), beta: tf.tensor1d(beta), runningMean: tf.tensor1d(rm), runningVar: tf.tensor1d(rv) };
  }

  it('training: normalises with batch mean and biased variance; running stats take momentum 0.1 of the unbiased variance', async () => {
    const x = tf.tensor4d(values, [2, 2, 3, 2]);
    const bn = tensors();
    const out = batchNorm(x, bn, true);
    const s = [channelStats(0), channelStats(1)];
    const expected = Array.from(values).map((v, i) => {
      const c = i % 2;
      const st = s[c] as { mean: number; biased: number };
      return ((gamma[c] as number) * (v - st.mean)) / Math.sqrt(st.biased + 1e-5) + (beta[c] as number);
    });
    await expectTensorClose(out.output, expected, TOL);
    await expectTensorClose(out.runningMean, s.map((st, c) => 0.9 * (rm[c] as number) + 0.1 * st.mean), TOL);
    await expectTensorClose(out.runningVar, s.map((st, c) => 0.9 * (rv[c] as number) + 0.1 * st.unbiased), TOL);
    tf.dispose([x, out.output, out.runningMean, out.runningVar, bn]);
  });

  it('eval: normalises with the running statistics and returns them unchanged', async () => {
    const x = tf.tensor4d(values, [2, 2, 3, 2]);
    const bn = tensors();
    const out = batchNorm(x, bn, false);
    const expected = Array.from(values).map((v, i) => {
      const c = i % 2;
      return ((gamma[c] as number) * (v - (rm[c] as number))) / Math.sqrt((rv[c] as number) + 1e-5) + (beta[c] as number);
    });
    await expectTensorClose(out.output, expected, TOL);
    expect(out.runningMean).toBe(bn.runningMean);
    expect(out.runningVar).toBe(bn.runningVar);
    tf.dispose([x, out.output, bn]);
  });
});
