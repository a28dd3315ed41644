import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { leakyRelu } from './leaky-relu.js';

const valuesOf = async (t: tf.Tensor): Promise<number[]> => Array.from(await t.data());

describeWithBackends('leakyRelu', ALL_BACKENDS, ({ backend }) => {
  // Random signs, exact zeros, both signed zeros and values around ±1e-38.
  const sample = () => tf.tidy(() => tf.concat([createRng(3).normal([4000]), tf.tensor1d([0, -0, 1e-38, -1e-38, 3, -3])]));

  it('is max(x, αx) as tf.leakyRelu, for α = 0.1, 0.2 and 0: bit for bit on wasm, to one rounding on cpu', async () => {
    const x = sample();
    for (const alpha of [0.1, 0.2, 0]) {
      const ours = leakyRelu(x, alpha);
      const tfjs = tf.leakyRelu(x, alpha);
      // tfjs's cpu kernel rounds the float64 product α·x; float32 α times float32 x can differ by one ulp (2⁻²³ relative).
      await expectTensorClose(ours, tfjs, { rtol: 2 ** -23, atol: 0 });
      if (backend.name === 'wasm') expect(await valuesOf(ours), `α = ${alpha}`).toEqual(await valuesOf(tfjs));
      tf.dispose([ours, tfjs]);
    }
    x.dispose();
  });

  it('dy/dx is 1 for x > 0 and α elsewhere: the gradient of Σ w·y is w·slope, as tf.leakyRelu\'s', async () => {
    const x = sample();
    const w = createRng(4).normal(x.shape);
    const xs = await x.data();
    const ws = await w.data();
    const alpha = 0.2;
    const ours = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(w, leakyRelu(a, alpha))))(x);
    const tfjs = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(w, tf.leakyRelu(a, alpha))))(x);
    const closedForm = Array.from(xs, (v, i) => (ws[i] as number) * (v > 0 ? 1 : alpha));
    await expectTensorClose(ours, closedForm, { rtol: 1e-6, atol: 0 });
    expect(await valuesOf(ours)).toEqual(await valuesOf(tfjs));
    tf.dispose([x, w, ours, tfjs]);
  });

  it('second derivatives: a penalty on the input gradient of a leaky-ReLU critic matches tf.leakyRelu\'s', async () => {
    const rng = createRng(5);
    const x = rng.fold('x').normal([8, 6]);
    const kernel = rng.fold('kernel').normal([6, 5]);
    const head = rng.fold('head').normal([5, 1]);
    // P(W) = Σ (∂/∂x Σ leaky(xW)·h)², differentiated with respect to W and x.
    const penalty = (act: (t: tf.Tensor) => tf.Tensor) => (input: tf.Tensor, k: tf.Tensor) => {
      const g = tf.grad((a: tf.Tensor) => tf.sum(tf.matMul(act(tf.matMul(a, k)), head)))(input);
      return tf.sum(tf.square(g));
    };
    const ours = tf.grads(penalty((t) => leakyRelu(t, 0.2)))([x, kernel]);
    const tfjs = tf.grads(penalty((t) => tf.leakyRelu(t, 0.2)))([x, kernel]);
    for (const k of [0, 1]) await expectTensorClose(ours[k] as tf.Tensor, tfjs[k] as tf.Tensor, { rtol: 1e-5, atol: 1e-6 });
    expect(await valuesOf(ours[1] as tf.Tensor)).not.toEqual(new Array(30).fill(0));
    tf.dispose([x, kernel, head, ours, tfjs]);
  });
});
