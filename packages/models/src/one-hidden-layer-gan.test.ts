import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { linearDiscriminator } from './linear-discriminator.js';
import { oneHiddenLayerGenerator } from './one-hidden-layer-generator.js';

const TOL = { rtol: 1e-4, atol: 1e-5 };

describeWithBackends('one-hidden-layer generator and linear discriminator (Balaji et al.)', ALL_BACKENDS, () => {
  it('G(z) = V·φ(W z) for hand-set weights; D(x) = ⟨d, x⟩', async () => {
    const g = oneHiddenLayerGenerator({ latentSize: 2, width: 2, outputSize: 1, activation: 'relu', trainable: 'both' });
    // Wᵀ = [[1, −1], [2, 0.5]], Vᵀ = [[3], [−2]]; z = (1, 1): W z = (3, −0.5), φ = (3, 0), G = 9.
    const params = { 'hidden/kernel': tf.tensor2d([[1, -1], [2, 0.5]]), 'output/kernel': tf.tensor2d([[3], [-2]]) };
    const z = tf.tensor2d([[1, 1], [0, -1]]);
    const { output } = g.apply(params, {}, z, { training: true });
    // z = (0, −1): W z = (−2, −0.5), φ = 0, G = 0.
    await expectTensorClose(output, [9, 0], TOL);
    const d = linearDiscriminator({ inputSize: 3 });
    const x = tf.tensor2d([[1, 2, 3]]);
    const dParams = { d: tf.tensor1d([0.5, -1, 2]) };
    const logits = d.apply(dParams, {}, x, { training: true }).output;
    await expectTensorClose(logits, [4.5], TOL);
    disposeTree([params, z, output, x, dParams, logits]);
  });

  it('trainable picks which of W, V are params; the rest is state', () => {
    for (const [trainable, inParams] of [['hidden', ['hidden/kernel']], ['output', ['output/kernel']], ['both', ['hidden/kernel', 'output/kernel']]] as const) {
      const g = oneHiddenLayerGenerator({ latentSize: 5, width: 16, outputSize: 10, trainable });
      const { params, state } = g.init(createRng(0));
      expect(Object.keys(params).sort()).toEqual([...inParams]);
      expect(Object.keys(params).length + Object.keys(state).length).toBe(2);
      disposeTree([params, state]);
    }
    expect(() => oneHiddenLayerGenerator({ latentSize: 5, width: 16, outputSize: 10, trainable: 'all' as 'both' }))
      .toThrowError(/trainable: unknown choice of trainable layers \(got "all"\)/);
  });

  it('papers §1.4 item 1: at d* = x̄ − ḡ(W), ∇_d h = 0 and h = ½‖x̄ − ḡ‖², for h = ⟨d, x̄ − ḡ⟩ − ½‖d‖²', async () => {
    const g = oneHiddenLayerGenerator({ latentSize: 5, width: 64, outputSize: 10, activation: 'tanh' });
    const d = linearDiscriminator({ inputSize: 10 });
    const { params, state } = g.init(createRng(1));
    const z = createRng(2).normal([64, 5]) as tf.Tensor2D;
    const x = createRng(3).normal([64, 10]) as tf.Tensor2D;
    const gz = g.apply(params, state, z, { training: true }).output;
    const gap = tf.tidy(() => tf.sub(tf.mean(x, 0), tf.mean(gz, 0)));
    const h = (dv: tf.Tensor): tf.Scalar => tf.tidy(() => {
      const dp = { d: dv };
      const real = tf.mean(d.apply(dp, {}, x, { training: true }).output);
      const fake = tf.mean(d.apply(dp, {}, gz, { training: true }).output);
      return tf.sub(tf.sub(real, fake), tf.mul(0.5, tf.sum(tf.square(dv)))) as tf.Scalar;
    });
    const grad = tf.grad(h)(gap);
    const value = h(gap);
    const half = tf.tidy(() => tf.mul(0.5, tf.sum(tf.square(gap))));
    await expectTensorClose(grad, new Float32Array(10), TOL);
    await expectTensorClose(value, half, TOL);
    disposeTree([params, state, z, x, gz, gap, grad, value, half]);
  });
});
