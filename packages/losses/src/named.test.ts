import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { jsGan, lossRegistry, nonSaturating } from './named.js';

/** softplus(u) = log(1 + e^u) in float64, in the overflow-free form max(u, 0) + log1p(e^{−|u|}). */
const softplus = (u: number): number => Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));
const mean = (xs: Float32Array, f: (v: number) => number): number => xs.reduce((s, v) => s + f(v), 0) / xs.length;

function randomLogits(seed: number, n: number): Float32Array {
  // Logits in [−30, 30]: saturated and linear regions both. Float32, so the float64 reference
  // sees exactly the inputs the tensors hold.
  return Float32Array.from(createRng(seed).uniform(n), (u) => 60 * u - 30);
}

describeWithBackends('JS-GAN losses against closed forms', ALL_BACKENDS, ({ tol }) => {
  const real = randomLogits(1, 64);
  const fake = randomLogits(2, 64);

  it('JS-GAN: L_D = mean softplus(−f(x)) + mean softplus(f(y)), L_G = −mean softplus(f(y))', async () => {
    const realLogits = tf.tensor1d(real);
    const fakeLogits = tf.tensor2d(fake, [64, 1]);
    const lossD = jsGan.discriminator({ realLogits, fakeLogits });
    const lossG = jsGan.generator({ realLogits, fakeLogits });
    await expectTensorClose(lossD, mean(real, (v) => softplus(-v)) + mean(fake, softplus), tol);
    await expectTensorClose(lossG, -mean(fake, softplus), tol);
    disposeTree([realLogits, fakeLogits, lossD, lossG]);
  });

  it('non-saturating: L_G = mean softplus(−f(y)), same L_D', async () => {
    const realLogits = tf.tensor1d(real);
    const fakeLogits = tf.tensor1d(fake);
    const lossD = nonSaturating.discriminator({ realLogits, fakeLogits });
    const lossG = nonSaturating.generator({ realLogits, fakeLogits });
    await expectTensorClose(lossD, mean(real, (v) => softplus(-v)) + mean(fake, softplus), tol);
    await expectTensorClose(lossG, mean(fake, (v) => softplus(-v)), tol);
    disposeTree([realLogits, fakeLogits, lossD, lossG]);
  });

  it('at f ≡ 0 the JS-GAN D loss is 2 log 2', async () => {
    const zeros = tf.zeros([8]);
    const lossD = jsGan.discriminator({ realLogits: zeros, fakeLogits: zeros });
    await expectTensorClose(lossD, 2 * Math.LN2, tol);
    disposeTree([zeros, lossD]);
  });

  it('has the closed-form gradient ∂L_D/∂f(x_i) = −σ(−f(x_i))/n', async () => {
    const realLogits = tf.tensor1d(real);
    const fakeLogits = tf.tensor1d(fake);
    const grad = tf.grad((r: tf.Tensor) => jsGan.discriminator({ realLogits: r, fakeLogits }))(realLogits);
    const expected = Array.from(real, (v) => -1 / (1 + Math.exp(v)) / real.length);
    await expectTensorClose(grad, expected, { rtol: tol.rtol, atol: 1e-9 });
    disposeTree([realLogits, fakeLogits, grad]);
  });

  it('refuses logits that would broadcast', () => {
    const realLogits = tf.zeros([4, 2]);
    const fakeLogits = tf.zeros([4]);
    expect(() => jsGan.discriminator({ realLogits, fakeLogits })).toThrowError(/realLogits: logits must be a non-empty \[n\] or \[n, 1\] tensor \(got \[4, 2\]\)/);
    disposeTree([realLogits, fakeLogits]);
  });

  it('registers each loss under its name', () => {
    expect(lossRegistry['js-gan']).toBe(jsGan);
    expect(lossRegistry['non-saturating']).toBe(nonSaturating);
  });
});
