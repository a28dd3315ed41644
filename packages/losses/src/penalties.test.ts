import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import type { Critic } from './critic.js';
import { gradientPenalty } from './gradient-penalty.js';
import { penaltyFromName } from './penalty-registry.js';
import { r1Penalty, r2Penalty } from './zero-centered-penalties.js';

const norm = (v: readonly number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const mean = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;

describeWithBackends('penalties against closed forms', ALL_BACKENDS, ({ tol }) => {
  // Image-shaped samples [n, 2, 3, 1]: the norm runs over every feature axis.
  const n = 5;
  const shape = [n, 2, 3, 1];
  const [xRng, yRng] = createRng(11).split(2);
  const realValues = Array.from(xRng!.uniform(n * 6), (u) => Math.fround(4 * u - 2));
  const fakeValues = Array.from(yRng!.uniform(n * 6), (u) => Math.fround(4 * u - 2));
  /** A linear critic f(x) = ⟨W, x⟩ + b: ∇_x f = W for every sample. */
  const linear = (w: tf.Tensor, b: tf.Tensor): Critic => (x) => tf.add(tf.sum(tf.mul(x, w), [1, 2, 3]), b);
  const w = [0.9, -0.6, 0.3, 1.1, -0.2, 0.5]; // ‖W‖ = 1.6733
  const weights = () => ({ w: tf.tensor(w, [1, 2, 3, 1]), b: tf.scalar(0.3) });

  it('WGAN-GP on a linear critic: λ(‖W‖ − c)² for every sample, gradient 2λ(‖W‖ − c)W/‖W‖', async () => {
    const { w: W, b } = weights();
    const real = tf.tensor(realValues, shape);
    const fake = tf.tensor(fakeValues, shape);
    const [lambda, c] = [10, 1];
    const { value, grads } = tf.valueAndGrads((wt: tf.Tensor) => gradientPenalty({ critic: linear(wt, b), real, fake, rng: createRng(1), weight: lambda, target: c }))([W]);
    const perSample = gradientPenalty({ critic: linear(W, b), real, fake, rng: createRng(1), reduction: 'none' });
    await expectTensorClose(value, lambda * (norm(w) - c) ** 2, tol);
    await expectTensorClose(perSample, Array<number>(n).fill(10 * (norm(w) - 1) ** 2), tol);
    await expectTensorClose(grads[0]!, w.map((v) => (2 * lambda * (norm(w) - c) * v) / norm(w)), tol);
    disposeTree([W, b, real, fake, value, grads, perSample]);
  });

  it('one-sided WGAN-GP is 0 (and flat) below the target, two-sided above it', async () => {
    const { w: W, b } = weights();
    const real = tf.tensor(realValues, shape);
    const fake = tf.tensor(fakeValues, shape);
    const below = (target: number) =>
      tf.valueAndGrads((wt: tf.Tensor) => gradientPenalty({ critic: linear(wt, b), real, fake, rng: createRng(1), target, oneSided: true }))([W]);
    const slack = below(2); // ‖W‖ = 1.67 < 2
    const tight = below(1.5);
    await expectTensorClose(slack.value, 0, tol);
    await expectTensorClose(slack.grads[0]!, Array<number>(6).fill(0), tol);
    await expectTensorClose(tight.value, 10 * (norm(w) - 1.5) ** 2, tol);
    disposeTree([W, b, real, fake, slack, tight]);
  });

  it('WGAN-GP on a quadratic critic f(x) = (a/2)‖x‖² uses x̂_i = ε_i x_i + (1 − ε_i) y_i with ε_i = rng.uniform(n)[i]', async () => {
    const a = 0.7;
    const real = tf.tensor(realValues, shape);
    const fake = tf.tensor(fakeValues, shape);
    const eps = createRng(5).uniform(n);
    // ∇f(x̂_i) = a·x̂_i, so the norm is |a|·‖x̂_i‖ and d/da (|a|‖x̂‖ − 1)² = 2(|a|‖x̂‖ − 1)‖x̂‖ for a > 0.
    const hatNorms = Array.from({ length: n }, (_, i) => {
      const e = Math.fround(eps[i] as number);
      return norm(realValues.slice(6 * i, 6 * i + 6).map((x, k) => e * x + (1 - e) * (fakeValues[6 * i + k] as number)));
    });
    const quadratic = (at: tf.Tensor): Critic => (x) => tf.mul(tf.div(at, 2), tf.sum(tf.square(x), [1, 2, 3]));
    const scalar = tf.scalar(a);
    const { value, grads } = tf.valueAndGrads((at: tf.Tensor) => gradientPenalty({ critic: quadratic(at), real, fake, rng: createRng(5) }))([scalar]);
    await expectTensorClose(value, 10 * mean(hatNorms.map((h) => (a * h - 1) ** 2)), tol);
    await expectTensorClose(grads[0]!, 10 * mean(hatNorms.map((h) => 2 * (a * h - 1) * h)), tol);
    disposeTree([real, fake, scalar, value, grads]);
  });

  it('R1 and R2: (γ/2)·mean ‖∇f‖² on real and on generated samples, gradient γ·a·mean ‖x‖² for f = (a/2)‖x‖²', async () => {
    const a = -1.3;
    const gamma = 4;
    const real = tf.tensor(realValues, shape);
    const fake = tf.tensor(fakeValues, shape);
    const quadratic = (at: tf.Tensor): Critic => (x) => tf.mul(tf.div(at, 2), tf.sum(tf.square(x), [1, 2, 3]));
    const scalar = tf.scalar(a);
    const squaredNorms = (values: readonly number[]) => Array.from({ length: n }, (_, i) => norm(values.slice(6 * i, 6 * i + 6)) ** 2);
    const r1 = tf.valueAndGrads((at: tf.Tensor) => r1Penalty({ critic: quadratic(at), real, weight: gamma }))([scalar]);
    const r2 = tf.valueAndGrads((at: tf.Tensor) => r2Penalty({ critic: quadratic(at), fake, weight: gamma }))([scalar]);
    const r1Terms = r1Penalty({ critic: quadratic(scalar), real, weight: gamma, reduction: 'none' });
    await expectTensorClose(r1.value, (gamma / 2) * a * a * mean(squaredNorms(realValues)), tol);
    await expectTensorClose(r1.grads[0]!, gamma * a * mean(squaredNorms(realValues)), tol);
    await expectTensorClose(r2.value, (gamma / 2) * a * a * mean(squaredNorms(fakeValues)), tol);
    await expectTensorClose(r2.grads[0]!, gamma * a * mean(squaredNorms(fakeValues)), tol);
    await expectTensorClose(r1Terms, squaredNorms(realValues).map((s) => (gamma / 2) * a * a * s), tol);
    disposeTree([real, fake, scalar, r1, r2, r1Terms]);
  });

  it('a zero input gradient gives λc² and a zero (not NaN) gradient for the critic', async () => {
    const W = tf.zeros([1, 2, 3, 1]);
    const b = tf.scalar(0);
    const real = tf.tensor(realValues, shape);
    const { value, grads } = tf.valueAndGrads((wt: tf.Tensor) => gradientPenalty({ critic: linear(wt, b), real, fake: real, rng: createRng(1) }))([W]);
    await expectTensorClose(value, 10, tol);
    await expectTensorClose(grads[0]!, Array<number>(6).fill(0), tol);
    disposeTree([W, b, real, value, grads]);
  });

  it('a critic that ignores its input has zero input gradient: R1 = 0, GP = λc²', async () => {
    const real = tf.tensor(realValues, shape);
    const constant: Critic = () => tf.fill([n], 2.5);
    const r1 = r1Penalty({ critic: constant, real });
    const gp = gradientPenalty({ critic: constant, real, fake: real, rng: createRng(0), target: 0.5 });
    await expectTensorClose(r1, 0, tol);
    await expectTensorClose(gp, 10 * 0.25, tol);
    disposeTree([real, r1, gp]);
  });

  it('penaltyFromName: wgan-gp, r1, r2 with weight λ on a linear critic give λ(‖W‖ − 1)², (λ/2)‖W‖², (λ/2)‖W‖²; unknown names refused', async () => {
    const { w: W, b } = weights();
    const real = tf.tensor(realValues, shape);
    const fake = tf.tensor(fakeValues, shape);
    const input = { critic: linear(W, b), real, fake, rng: createRng(1) };
    const [gp, r1, r2] = (['wgan-gp', 'r1', 'r2'] as const).map((name) => penaltyFromName(name, 4)(input));
    await expectTensorClose(gp!, 4 * (norm(w) - 1) ** 2, tol);
    await expectTensorClose(r1!, 2 * norm(w) ** 2, tol);
    await expectTensorClose(r2!, 2 * norm(w) ** 2, tol);
    expect(() => penaltyFromName('gp', 10)).toThrow(/penalty.*use one of wgan-gp, r1, r2/);
    disposeTree([W, b, real, fake, gp, r1, r2]);
  });
});
