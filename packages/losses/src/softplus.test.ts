import * as tf from '@tensorflow/tfjs-core';
import { disposeTree } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { logSigmoid } from './h-functions.js';
import { softplus } from './softplus.js';
import { sigmoid as sigmoid64, softplus as softplus64 } from './test-support/closed-forms.js';

/** Distance in float32 ulps at the expected value (the spacing of float32 numbers there). */
function ulps(actual: number, expected: number): number {
  // Below the smallest normal float32 (1.18e-38) the spacing is the subnormal one, 2⁻¹⁴⁹.
  const magnitude = Math.max(Math.abs(expected), 1.1754943508222875e-38);
  const spacing = 2 ** (Math.floor(Math.log2(magnitude)) - 23);
  return Math.abs(actual - expected) / spacing;
}

/** The worst ulp distance of `values` from `reference` at the float32 points `u`. */
function worstUlps(values: ArrayLike<number>, u: Float32Array, reference: (v: number) => number): number {
  let worst = 0;
  for (let i = 0; i < u.length; i++) worst = Math.max(worst, ulps(values[i] as number, reference(u[i] as number)));
  return worst;
}

describeWithBackends('softplus', ALL_BACKENDS, () => {
  // Every 0.001 over [−100, 100]: both saturated tails, tfjs's switch points (±13.94) and 0.
  const grid = Float32Array.from({ length: 200_001 }, (_, i) => -100 + i / 1000);

  it('is within 2 float32 ulps of log(1 + e^u) on [−100, 100]', async () => {
    const u = tf.tensor1d(grid);
    const value = softplus(u);
    expect(worstUlps(await value.data(), grid, softplus64)).toBeLessThanOrEqual(2);
    disposeTree([u, value]);
  });

  it('has the gradient σ(u), within 2 ulps, on [−100, 100]', async () => {
    const u = tf.tensor1d(grid);
    const gradient = tf.grad((x: tf.Tensor) => tf.sum(softplus(x)))(u);
    // σ(u) for u < −87.3 is subnormal in float32; it must not be flushed to zero.
    expect(worstUlps(await gradient.data(), grid, sigmoid64)).toBeLessThanOrEqual(2);
    disposeTree([u, gradient]);
  });

  it('is exact at ±100, ±50 and 0, and so is its gradient', async () => {
    const points = [-100, -50, 0, 50, 100];
    const u = tf.tensor1d(points);
    const value = softplus(u);
    const gradient = tf.grad((x: tf.Tensor) => tf.sum(softplus(x)))(u);
    // softplus(−100) = e^{−100}(1 − e^{−100}/2 …) = 3.7201e-44 is a float32 subnormal: its
    // nearest float32 is 3.7835e-44 (spacing 1.4e-45).
    await expectTensorClose(value, points.map((v) => Math.fround(softplus64(v))), { rtol: 1.2e-7, atol: 0 });
    await expectTensorClose(gradient, points.map((v) => Math.fround(sigmoid64(v))), { rtol: 1.2e-7, atol: 0 });
    disposeTree([u, value, gradient]);
  });

  it('gives log σ(t) = −softplus(−t) without underflow: log σ(−100) = −100, log σ(100) = −3.7e-44', async () => {
    const t = tf.tensor1d([-100, -20, 0, 20, 100]);
    const value = logSigmoid(t);
    await expectTensorClose(value, [-100, -20.000000002061153, -Math.LN2, -2.0611536900435727e-9, -Math.fround(3.720075976020836e-44)], {
      rtol: 1.2e-7,
      atol: 0,
    });
    disposeTree([t, value]);
  });

  it('is twice differentiable, d²/du² softplus = σ(u)(1 − σ(u)), u = 0 included (penalties on softplus critics need it)', async () => {
    const u = tf.tensor1d([-30, -2, 0, 0.5, 3, 30]);
    const second = tf.grad((x: tf.Tensor) => tf.sum(tf.grad((y: tf.Tensor) => tf.sum(softplus(y)))(x)))(u);
    await expectTensorClose(second, [-30, -2, 0, 0.5, 3, 30].map((v) => sigmoid64(v) * sigmoid64(-v)), { rtol: 1e-6, atol: 1e-12 });
    disposeTree([u, second]);
  });
});
