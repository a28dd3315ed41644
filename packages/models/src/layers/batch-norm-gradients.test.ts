// Training-mode batch norm's closed-form backward pass against tfjs's autodiff through the plain
// formula y = γ (x − μ)/√(s² + ε) + β (the implementation it replaced), on many shapes: outputs
// bit-identical, first and second derivatives equal to float rounding.
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { batchNorm, BATCH_NORM_EPS } from './batch-norm.js';

/** The plain formula, differentiated by tfjs op by op. */
function plainBatchNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const { mean, variance } = tf.moments(x, axes);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, BATCH_NORM_EPS))), gamma), beta);
}

function customBatchNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const zeros = tf.zerosLike(gamma);
  const ones = tf.onesLike(gamma);
  const out = batchNorm(x, { gamma, beta, runningMean: zeros, runningVar: ones }, true);
  tf.dispose([zeros, ones, out.runningMean, out.runningVar]);
  return out.output;
}

type BatchNormFn = (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor;

// [n, c] (BatchNorm1d), NHWC (BatchNorm2d), a single value per channel (s² = 0), wide channels.
const SHAPES: readonly number[][] = [[5, 3], [2, 2, 3, 2], [4, 4, 4, 8], [3, 1, 1, 4], [1, 1, 1, 5], [2, 5, 5, 16], [7, 2, 3, 1]];

/** x with a channel-dependent offset and scale (so the statistics matter), γ around 1, β, and weights w. */
function inputs(shape: readonly number[], seed: number) {
  const c = shape[shape.length - 1] as number;
  const rng = createRng(seed);
  return tf.tidy(() => ({
    x: tf.add(tf.mul(rng.fold('x').normal([...shape]), tf.linspace(0.5, 3, c)), tf.linspace(-2, 2, c)),
    gamma: tf.add(1, tf.mul(0.5, rng.fold('gamma').normal([c]))),
    beta: rng.fold('beta').normal([c]),
    w: rng.fold('w').normal([...shape]),
  }));
}

describeWithBackends('batchNorm training-mode gradients', ALL_BACKENDS, () => {
  it('forward: output and running statistics bit-identical to the plain formula', async () => {
    const values = async (t: tf.Tensor) => Array.from(await t.data());
    for (const [i, shape] of SHAPES.entries()) {
      const { x, gamma, beta, w } = inputs(shape, i);
      const c = gamma.size;
      const running = { runningMean: tf.linspace(-1, 1, c), runningVar: tf.linspace(0.5, 2, c) };
      const custom = batchNorm(x, { gamma, beta, ...running }, true);
      const plain = tf.tidy(() => {
        const axes = shape.slice(0, -1).map((_, k) => k);
        const count = x.size / c;
        const { mean, variance } = tf.moments(x, axes);
        return [
          plainBatchNorm(x, gamma, beta),
          tf.add(tf.mul(running.runningMean, 0.9), tf.mul(mean, 0.1)),
          tf.add(tf.mul(running.runningVar, 0.9), tf.mul(tf.mul(variance, count / Math.max(count - 1, 1)), 0.1)),
        ];
      });
      const got = [custom.output, custom.runningMean, custom.runningVar];
      for (const [k, name] of ['output', 'running mean', 'running variance'].entries()) {
        expect(await values(got[k] as tf.Tensor), `${name}, shape [${shape}]`).toEqual(await values(plain[k] as tf.Tensor));
      }
      tf.dispose([x, gamma, beta, w, got, plain, running]);
    }
  });

  it('dx, dγ, dβ of L = Σ w·y match autodiff through the plain formula', async () => {
    for (const [i, shape] of SHAPES.entries()) {
      const { x, gamma, beta, w } = inputs(shape, 100 + i);
      const grads = (f: BatchNormFn) => tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(w, f(a, g, b))))([x, gamma, beta]);
      const custom = grads(customBatchNorm);
      const plain = grads(plainBatchNorm);
      for (const [k, name] of ['dx', 'dγ', 'dβ'].entries()) {
        const actual = custom[k] as tf.Tensor;
        expect(actual.shape, `${name} shape [${shape}]`).toEqual((plain[k] as tf.Tensor).shape);
        // atol relative to the gradient's scale: dx is a difference of O(|w|·γ/σ) terms.
        await expectTensorClose(actual, plain[k] as tf.Tensor, { rtol: 1e-4, atol: 1e-4 });
      }
      tf.dispose([x, gamma, beta, w, custom, plain]);
    }
  });

  it('dx is the closed form (γ/σ)(dy − mean dy − x̂·mean(dy·x̂)), computed in float64', async () => {
    const shape = [3, 2, 2, 2];
    const { x, gamma, beta, w } = inputs(shape, 7);
    const [dx] = tf.grads((a: tf.Tensor) => tf.sum(tf.mul(w, customBatchNorm(a, gamma, beta))))([x]);
    const [xs, ws, gs] = [await x.data(), await w.data(), await gamma.data()];
    const c = 2;
    const n = xs.length / c;
    const expected = new Float64Array(xs.length);
    for (let ch = 0; ch < c; ch++) {
      const idx = Array.from({ length: n }, (_, p) => p * c + ch);
      const mean = idx.reduce((s, j) => s + (xs[j] as number), 0) / n;
      const sigma = Math.sqrt(idx.reduce((s, j) => s + ((xs[j] as number) - mean) ** 2, 0) / n + BATCH_NORM_EPS);
      const xHat = (j: number) => ((xs[j] as number) - mean) / sigma;
      const meanDy = idx.reduce((s, j) => s + (ws[j] as number), 0) / n;
      const meanDyXHat = idx.reduce((s, j) => s + (ws[j] as number) * xHat(j), 0) / n;
      for (const j of idx) expected[j] = ((gs[ch] as number) / sigma) * ((ws[j] as number) - meanDy - xHat(j) * meanDyXHat);
    }
    await expectTensorClose(dx as tf.Tensor, expected, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([x, gamma, beta, w, dx as tf.Tensor]);
  });

  it('second derivatives: the gradient of a penalty on ‖∂L/∂x‖² matches the plain formula', async () => {
    for (const [i, shape] of [[6, 3], [2, 3, 3, 4], [3, 2, 2, 1]].entries()) {
      const { x, gamma, beta, w } = inputs(shape, 200 + i);
      // P(x, γ) = Σ (∂L/∂x)² with L = Σ w·tanh(y): a WGAN-GP-style penalty on a batch-normed critic.
      const penalty = (f: BatchNormFn) => (a: tf.Tensor, g: tf.Tensor) => {
        const dLdx = tf.grad((xIn: tf.Tensor) => tf.sum(tf.mul(w, tf.tanh(f(xIn, g, beta)))))(a);
        return tf.sum(tf.square(dLdx));
      };
      const custom = tf.grads(penalty(customBatchNorm))([x, gamma]);
      const plain = tf.grads(penalty(plainBatchNorm))([x, gamma]);
      for (const k of [0, 1]) {
        await expectTensorClose(custom[k] as tf.Tensor, plain[k] as tf.Tensor, { rtol: 1e-3, atol: 1e-3 });
      }
      tf.dispose([x, gamma, beta, w, custom, plain]);
    }
  });

  it('its running statistics are freed by an enclosing tf.tidy, like any other tensor', () => {
    const { x, gamma, beta, w } = inputs([4, 3], 9);
    const before = tf.memory().numTensors;
    const y = tf.tidy(() => {
      const zeros = tf.zerosLike(gamma);
      const ones = tf.onesLike(gamma);
      return batchNorm(x, { gamma, beta, runningMean: zeros, runningVar: ones }, true).output;
    });
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([x, gamma, beta, w, y]);
  });
});
