import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, type Params } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import type { Critic } from './critic.js';
import { gradientPenalty } from './gradient-penalty.js';
import { lossRegistry } from './registry.js';
import { r1Penalty, r2Penalty } from './zero-centered-penalties.js';

/**
 * Golden values from an independent PyTorch float64 implementation (`header` in the fixture:
 * `/usr/bin/python3 tooling/reference/losses.py`, torch and numpy versions, date). The script
 * does not run in CI; its committed output does.
 */
interface LossValue {
  readonly loss: string;
  readonly player: 'discriminator' | 'generator';
  readonly mean: number;
  readonly perSample: number[] | null;
  readonly gradReal: number[];
  readonly gradFake: number[];
}
interface PenaltyValue {
  readonly penalty: 'gradient-penalty' | 'gradient-penalty-one-sided' | 'r1' | 'r2';
  readonly mean: number;
  readonly perSample: number[];
  readonly gradParams: Readonly<Record<string, number[]>>;
}
interface Fixture {
  readonly header: Readonly<Record<string, string | number>>;
  readonly losses: readonly { case: string; realLogits: number[]; fakeLogits: number[]; values: LossValue[] }[];
  readonly critic: {
    readonly weights: Readonly<Record<string, { shape: number[]; values: number[] }>>;
    readonly real: number[][];
    readonly fake: number[][];
    readonly gradientPenalty: { weight: number; target: number };
    readonly values: PenaltyValue[];
  };
}

const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/losses.json', import.meta.url), 'utf8')) as Fixture;
const maxAbs = (xs: readonly number[]): number => Math.max(...xs.map(Math.abs));
const meanAbs = (xs: readonly number[]): number => xs.reduce((a, v) => a + Math.abs(v), 0) / xs.length;

describeWithBackends('losses and penalties against the PyTorch reference', ALL_BACKENDS, () => {
  it('states how the fixture was produced', () => {
    expect(fixture.header).toMatchObject({ command: '/usr/bin/python3 tooling/reference/losses.py' });
    expect(Object.keys(fixture.header)).toEqual(expect.arrayContaining(['torch', 'numpy', 'python', 'date']));
  });

  for (const { case: label, realLogits: real, fakeLogits: fake, values } of fixture.losses) {
    for (const value of values) {
      it(`${value.loss} ${value.player}, ${label} batches (${real.length} real, ${fake.length} generated)`, async () => {
        const loss = lossRegistry[value.loss];
        expect(loss, `registry has ${value.loss}`).toBeDefined();
        const realLogits = tf.tensor1d(real);
        const fakeLogits = tf.tensor1d(fake);
        // + 0·Σr keeps r on the tape, so losses that ignore it get a zero gradient.
        const { value: mean, grads } = tf.valueAndGrads((r: tf.Tensor, f: tf.Tensor) =>
          tf.add(loss![value.player]({ realLogits: r, fakeLogits: f }), tf.mul(0, tf.sum(r))),
        )([realLogits, fakeLogits]);
        // Two-sided, 1e-6 relative to the loss's scale: plain 1e-6 relative where no term cancels.
        const scale = value.perSample === null ? Math.abs(value.mean) : Math.max(Math.abs(value.mean), meanAbs(value.perSample));
        await expectTensorClose(mean, value.mean, { rtol: 1e-6, atol: 1e-6 * scale });
        const gradScale = maxAbs([...value.gradReal, ...value.gradFake]);
        await expectTensorClose(grads[0]!, value.gradReal, { rtol: 1e-6, atol: 1e-6 * gradScale });
        await expectTensorClose(grads[1]!, value.gradFake, { rtol: 1e-6, atol: 1e-6 * gradScale });
        if (value.perSample !== null) {
          const terms = loss![value.player]({ realLogits, fakeLogits }, { reduction: 'none' });
          await expectTensorClose(terms, value.perSample, { rtol: 1e-6, atol: 1e-6 * scale });
          terms.dispose();
        }
        disposeTree([realLogits, fakeLogits, mean, grads]);
      });
    }
  }

  const { weights, real, fake, gradientPenalty: gp, values: penalties } = fixture.critic;
  /** The fixture's critic: softplus MLP 2 → 8 → 8 → 1, f(x) = W2ᵀ s(W1ᵀ s(W0ᵀx + b0) + b1) + b2. */
  const softplusMlp = (p: Params): Critic => (x) => {
    let h = tf.softplus(tf.add(tf.matMul(x as tf.Tensor2D, p['dense0/kernel'] as tf.Tensor2D), p['dense0/bias']!));
    h = tf.softplus(tf.add(tf.matMul(h as tf.Tensor2D, p['dense1/kernel'] as tf.Tensor2D), p['dense1/bias']!));
    return tf.add(tf.matMul(h as tf.Tensor2D, p['dense2/kernel'] as tf.Tensor2D), p['dense2/bias']!);
  };
  const names = Object.keys(weights);

  for (const expected of penalties) {
    it(`${expected.penalty}: value, per-sample terms and gradient with respect to the critic's weights`, async () => {
      const params: Params = Object.fromEntries(names.map((n) => [n, tf.tensor(weights[n]!.values, weights[n]!.shape)]));
      const x = tf.tensor2d(real);
      const y = tf.tensor2d(fake);
      // WGAN-GP with fake = real: every interpolate is x_i whatever ε_i is.
      const penalty = (p: Params, reduction: 'mean' | 'none'): tf.Tensor => {
        const critic = softplusMlp(p);
        switch (expected.penalty) {
          case 'gradient-penalty':
          case 'gradient-penalty-one-sided':
            return gradientPenalty({
              critic, real: x, fake: x, rng: createRng(0), weight: gp.weight, target: gp.target,
              oneSided: expected.penalty === 'gradient-penalty-one-sided', reduction,
            });
          case 'r1':
            return r1Penalty({ critic, real: x, weight: 10, reduction });
          case 'r2':
            return r2Penalty({ critic, fake: y, weight: 10, reduction });
        }
      };
      // + 0·Σw keeps every weight on the tape: the output bias does not reach ∇_x f.
      const { value, grads } = tf.valueAndGrads((...ws: tf.Tensor[]) =>
        tf.add(penalty(Object.fromEntries(names.map((n, i) => [n, ws[i]!])), 'mean'), tf.mul(0, tf.addN(ws.map((w) => tf.sum(w))))) as tf.Scalar,
      )(names.map((n) => params[n]!));
      const terms = penalty(params, 'none');
      // Two-sided; 2e-6 for values: double backpropagation in float32 rounds a few more times.
      await expectTensorClose(value, expected.mean, { rtol: 2e-6, atol: 0 });
      await expectTensorClose(terms, expected.perSample, { rtol: 2e-6, atol: 1e-6 * maxAbs(expected.perSample) });
      const gradScale = maxAbs(names.flatMap((n) => expected.gradParams[n]!));
      for (const [i, n] of names.entries()) {
        await expectTensorClose(grads[i]!, expected.gradParams[n]!, { rtol: 1e-6, atol: 1e-6 * gradScale });
      }
      disposeTree([params, x, y, value, grads, terms]);
    });
  }
});
