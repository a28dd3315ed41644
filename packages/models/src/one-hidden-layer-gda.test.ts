import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeReplaced, disposeTree, type GameGradientFn, type Params } from '@saddle/core';
import { sgd, simultaneous } from '@saddle/optimizers';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { linearDiscriminator } from './linear-discriminator.js';
import { oneHiddenLayerGenerator } from './one-hidden-layer-generator.js';

const TOL = { rtol: 1e-4, atol: 1e-5 };

describeWithBackends('one-hidden-layer GAN under simultaneous GDA (papers §1.4 item 2)', ALL_BACKENDS, () => {
  it('η = 1 gives d_{t+1} = x̄ − ḡ(W_t) and the delayed-residual recursion W_{t+1} = W_t + μ Jᵀ(x̄ − ḡ(W_{t−1}))', async () => {
    const mu = 1;
    const g = oneHiddenLayerGenerator({ latentSize: 5, width: 32, outputSize: 10, activation: 'tanh' });
    const dNet = linearDiscriminator({ inputSize: 10 });
    const z = createRng(2).normal([64, 5]) as tf.Tensor2D;
    const x = createRng(3).normal([64, 10]) as tf.Tensor2D;
    const xBar = tf.mean(x, 0);
    const gInit = g.init(createRng(1));
    const fixed = gInit.state; // V, not trained
    const gBar = (w: Params): tf.Tensor => tf.tidy(() => tf.mean(g.apply(w, fixed, z, { training: true }).output, 0));
    // h(W, d) = ⟨d, x̄ − ḡ(W)⟩ − ½‖d‖²: G minimizes h, D minimizes −h.
    const h = (w: Params, d: tf.Tensor): tf.Scalar => tf.tidy(() => tf.sub(tf.sum(tf.mul(d, tf.sub(xBar, gBar(w)))), tf.mul(0.5, tf.sum(tf.square(d)))) as tf.Scalar);
    const gradFn: GameGradientFn = (p) => {
      const names = Object.keys(p.generator);
      const dW = tf.grads((...ws: tf.Tensor[]) => h(Object.fromEntries(names.map((n, i) => [n, ws[i]!])), p.discriminator.d!))(names.map((n) => p.generator[n]!));
      const dD = tf.grad((d: tf.Tensor) => tf.neg(h(p.generator, d)))(p.discriminator.d!);
      return {
        grads: { generator: Object.fromEntries(names.map((n, i) => [n, dW[i]!])), discriminator: { d: dD } },
        losses: { generator: h(p.generator, p.discriminator.d!), discriminator: tf.neg(h(p.generator, p.discriminator.d!)) },
      };
    };
    const game = simultaneous({ generator: sgd({ learningRate: mu }), discriminator: sgd({ learningRate: 1 }) });
    let params = { generator: gInit.params, discriminator: dNet.init(createRng(4)).params };
    let state = game.init(params);
    let previousResidual: tf.Tensor | undefined;
    let delayedVsUndelayed = 0;
    for (let t = 0; t < 4; t++) {
      const residual = tf.tidy(() => tf.sub(xBar, gBar(params.generator))); // x̄ − ḡ(W_t)
      const out = game.step(gradFn, params, state);
      // d_{t+1} = d_t + (x̄ − ḡ(W_t) − d_t) = x̄ − ḡ(W_t).
      await expectTensorClose(out.params.discriminator.d!, residual, TOL);
      if (previousResidual !== undefined) {
        // W_{t+1} = W_t + μ ∂/∂W ⟨c, ḡ(W)⟩ at W_t, with c = d_t = x̄ − ḡ(W_{t−1}) held fixed.
        const c = previousResidual;
        const w = params.generator['hidden/kernel']!;
        const expected = tf.tidy(() => tf.add(w, tf.mul(mu, tf.grad((v: tf.Tensor) => tf.sum(tf.mul(c, gBar({ 'hidden/kernel': v }))))(w))));
        const undelayed = tf.tidy(() => tf.add(w, tf.mul(mu, tf.grad((v: tf.Tensor) => tf.sum(tf.mul(residual, gBar({ 'hidden/kernel': v }))))(w))));
        await expectTensorClose(out.params.generator['hidden/kernel']!, expected, TOL);
        const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(expected, undelayed))));
        delayedVsUndelayed = Math.max(delayedVsUndelayed, (await gap.data())[0] as number);
        disposeTree([expected, undelayed, c, gap]);
      }
      previousResidual = residual;
      disposeTree(out.losses);
      disposeReplaced({ params, state }, { params: out.params, state: out.state });
      params = out.params;
      state = out.state;
    }
    // The recursion is not plain gradient descent on ½‖x̄ − ḡ‖²: the two differ measurably.
    expect(delayedVsUndelayed).toBeGreaterThan(1e-4);
    disposeTree([params, state, previousResidual!, z, x, xBar, fixed]);
  });
});
