import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose, type Tolerance } from '@saddle/testing';
import { expect, it } from 'vitest';
import type { PerSampleGanLoss } from './reduction.js';
import { lossRegistry } from './registry.js';
import { CLOSED_FORMS, uniformLogits, type ClosedForm } from './test-support/closed-forms.js';

/**
 * Two-sided, 1e-6 relative to the loss's scale s (its means taken of absolute values):
 * |actual − expected| ≤ 1e-6·s. When no term cancels another (every loss but Wasserstein and the
 * hinge generator) s = |L| and this is plain 1e-6 relative; where terms cancel, float32 sums
 * carry an error of a few ε₃₂·s, however small |L| is.
 */
const relativeToScale = (scale: number): Tolerance => ({ rtol: 0, atol: 1e-6 * scale });

const PLAYERS = ['discriminator', 'generator'] as const;
/** Losses whose means need no pairing (batch sizes may differ). */
const UNPAIRED = ['js-gan', 'non-saturating', 'least-squares', 'wasserstein', 'hinge', 'relativistic-average'];

describeWithBackends('every loss against its closed form', ALL_BACKENDS, () => {
  // Logits over [−30, 30]: the saturated and linear regions of every h.
  const [realRng, fakeRng, shortRng] = createRng(2020).split(3);
  const real = uniformLogits(realRng!.uniform(64), -30, 30);
  const fake = uniformLogits(fakeRng!.uniform(64), -30, 30);
  const shortFake = uniformLogits(shortRng!.uniform(40), -30, 30);

  it('covers every registered loss', () => {
    expect(Object.keys(CLOSED_FORMS).sort()).toEqual(Object.keys(lossRegistry).sort());
  });

  for (const [name, forms] of Object.entries(CLOSED_FORMS)) {
    const loss = lossRegistry[name] as PerSampleGanLoss;
    for (const player of PLAYERS) {
      const form: ClosedForm = forms[player];

      it(`${name} ${player}: mean and per-sample values`, async () => {
        const realLogits = tf.tensor1d(real);
        const fakeLogits = tf.tensor2d(fake, [fake.length, 1]);
        const expected = form(real, fake);
        const mean = loss[player]({ realLogits, fakeLogits });
        const terms = loss[player]({ realLogits, fakeLogits }, { reduction: 'none' });
        expect(mean.shape).toEqual([]);
        expect(terms.shape).toEqual([real.length]);
        await expectTensorClose(mean, expected.mean, relativeToScale(expected.scale));
        // Per sample: 1e-6 relative, or 1e-6 of the loss's scale for terms far below it (e.g.
        // softplus(−60) ≈ 1e-26, or RaGAN terms whose argument carries the float32 batch mean).
        await expectTensorClose(terms, expected.terms, { rtol: 1e-6, atol: 1e-6 * expected.scale });
        disposeTree([realLogits, fakeLogits, mean, terms]);
      });

      it(`${name} ${player}: gradients with respect to the logits match central differences`, async () => {
        const realLogits = tf.tensor1d(real);
        const fakeLogits = tf.tensor1d(fake);
        // + 0·Σr keeps r on the tape, so losses that ignore it (separable G) get a zero gradient.
        const [gradReal, gradFake] = tf.grads((r: tf.Tensor, f: tf.Tensor) =>
          tf.add(loss[player]({ realLogits: r, fakeLogits: f }), tf.mul(0, tf.sum(r))),
        )([realLogits, fakeLogits]);
        // Central differences of the float64 closed form, step 1e-5 (truncation ~1e-10 relative).
        const difference = (which: 'real' | 'fake', i: number): number => {
          const h = 1e-5;
          const shifted = (d: number) => {
            const r = [...real];
            const f = [...fake];
            const shiftedLogits = which === 'real' ? r : f;
            shiftedLogits[i] = (shiftedLogits[i] as number) + d;
            return form(r, f).mean;
          };
          return (shifted(h) - shifted(-h)) / (2 * h);
        };
        const expectedReal = real.map((_, i) => difference('real', i));
        const expectedFake = fake.map((_, i) => difference('fake', i));
        const scale = Math.max(...[...expectedReal, ...expectedFake].map(Math.abs));
        const tol = { rtol: 1e-6, atol: 1e-6 * scale };
        await expectTensorClose(gradReal!, expectedReal, tol);
        await expectTensorClose(gradFake!, expectedFake, tol);
        disposeTree([realLogits, fakeLogits, gradReal!, gradFake!]);
      });

      if (UNPAIRED.includes(name)) {
        it(`${name} ${player}: batches of different sizes (64 real, 40 generated)`, async () => {
          const realLogits = tf.tensor1d(real);
          const fakeLogits = tf.tensor1d(shortFake);
          const value = loss[player]({ realLogits, fakeLogits });
          const expected = form(real, shortFake);
          await expectTensorClose(value, expected.mean, relativeToScale(expected.scale));
          disposeTree([realLogits, fakeLogits, value]);
        });
      }
    }
  }

  it('anchors: at f ≡ 0, JS-GAN L_D = 2 log 2 and RS-GAN L_D = −h(0) = log 2 (Sun et al.\'s global minimum h(0) = −log 2)', async () => {
    const zeros = tf.zeros([8]);
    const js = lossRegistry['js-gan']!.discriminator({ realLogits: zeros, fakeLogits: zeros });
    const rs = lossRegistry['rs-gan']!.discriminator({ realLogits: zeros, fakeLogits: zeros });
    await expectTensorClose(js, 2 * Math.LN2, { rtol: 1e-7, atol: 0 });
    await expectTensorClose(rs, Math.LN2, { rtol: 1e-7, atol: 0 });
    disposeTree([zeros, js, rs]);
  });

  it('reduction "mean" is the mean of the per-sample terms', async () => {
    const realLogits = tf.tensor1d(real);
    const fakeLogits = tf.tensor1d(fake);
    for (const loss of Object.values(lossRegistry)) {
      for (const player of PLAYERS) {
        const mean = loss[player]({ realLogits, fakeLogits }, { reduction: 'mean' });
        const terms = loss[player]({ realLogits, fakeLogits }, { reduction: 'none' });
        const termMean = tf.mean(terms);
        await expectTensorClose(mean, termMean, { rtol: 1e-6, atol: 1e-6 });
        disposeTree([mean, terms, termMean]);
      }
    }
    disposeTree([realLogits, fakeLogits]);
  });
});
