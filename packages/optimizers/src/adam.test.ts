import * as tf from '@tensorflow/tfjs-core';
import { disposeTree } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { adam, sgd } from './aliases.js';
import { scaleByAdam } from './adam.js';

/** Adam on the host in float64, straight from Kingma & Ba's Algorithm 1 (the reference). */
function adamReference(grads: number[], lr: number, b1: number, b2: number, eps: number, theta0: number): number[] {
  let m = 0;
  let v = 0;
  let theta = theta0;
  return grads.map((g, i) => {
    const t = i + 1;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    theta -= (lr * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
    return theta;
  });
}

describeWithBackends('adam and sgd', ALL_BACKENDS, ({ tol }) => {
  it('adam follows Kingma & Ba on a gradient sequence', async () => {
    const gs = [0.5, -1.5, 2.0, 0.25, -0.75];
    const expected = adamReference(gs, 0.01, 0.5, 0.999, 1e-8, 1);
    const opt = adam({ learningRate: 0.01, beta1: 0.5, beta2: 0.999 });
    let params = { w: tf.scalar(1) } as Record<string, tf.Tensor>;
    let state = opt.init(params);
    for (const [i, g] of gs.entries()) {
      const grads = { w: tf.scalar(g) };
      const out = opt.update(grads, state, params);
      const next = { w: tf.add(params.w as tf.Tensor, out.updates.w as tf.Tensor) };
      disposeTree([grads, params, out.updates, state]);
      params = next;
      state = out.state;
      await expectTensorClose(params.w as tf.Tensor, expected[i] as number, tol);
    }
    disposeTree([params, state]);
  });

  it('the first adam step is −lr·sign(g) (bias correction on)', async () => {
    const tx = scaleByAdam();
    const params = { w: tf.tensor1d([1, 1, 1]) };
    const state = tx.init(params);
    const grads = { w: tf.tensor1d([3, -0.001, 7]) };
    const out = tx.update(grads, state, params);
    // m̂ = g and v̂ = g², so u = g/(|g| + ε) = sign(g) up to ε/|g| ≤ 1e-5.
    await expectTensorClose(out.updates.w as tf.Tensor, [1, -1, 1], { rtol: 2e-5, atol: 0 });
    expect(out.state.count).toBe(1);
    disposeTree([params, state, grads, out]);
  });

  it('scaleByAdam\'s direction matches float64 m̂/(√v̂ + ε) to 1e-5 relative over 30 steps and gradients from 1e-6 to 1e3, with and without bias correction', async () => {
    const size = 12;
    // Deterministic gradients: signs and magnitudes change from step to step, one entry stays 0.
    const gradientAt = (t: number) => Array.from({ length: size }, (_, i) => (i === 0 ? 0 : Math.sin(1.7 * t + i) * 10 ** ((i % 10) - 6)));
    for (const biasCorrection of [true, false]) {
      const [b1, b2, eps] = [0.5, 0.999, 1e-8];
      const tx = scaleByAdam({ beta1: b1, beta2: b2, epsilon: eps, biasCorrection });
      const params = { w: tf.zeros([size]) };
      let state = tx.init(params);
      params.w.dispose();
      const m = new Float64Array(size);
      const v = new Float64Array(size);
      for (let t = 1; t <= 30; t++) {
        const g = gradientAt(t).map((x) => Math.fround(x));
        const grads = { w: tf.tensor1d(g) };
        const out = tx.update(grads, state, {});
        const expected = g.map((gi, i) => {
          m[i] = b1 * (m[i] as number) + (1 - b1) * gi;
          v[i] = b2 * (v[i] as number) + (1 - b2) * gi * gi;
          const [c1, c2] = biasCorrection ? [1 - b1 ** t, 1 - b2 ** t] : [1, 1];
          return (m[i] as number) / c1 / (Math.sqrt((v[i] as number) / c2) + eps);
        });
        // The moments themselves accumulate float32 rounding over the steps: 1e-5 relative covers 30 steps.
        await expectTensorClose(out.updates.w as tf.Tensor, expected, { rtol: 1e-5, atol: 1e-7 });
        disposeTree([grads, state, out.updates]);
        state = out.state;
      }
      disposeTree(state);
    }
  });

  it('sgd subtracts lr·g', async () => {
    const opt = sgd({ learningRate: 0.5 });
    const grads = { w: tf.tensor1d([2, -4]) };
    const out = opt.update(grads, opt.init({}), {});
    await expectTensorClose(out.updates.w as tf.Tensor, [-1, 2], tol);
    disposeTree([grads, out.updates]);
  });

  it('refuses bad hyper-parameters with the field named', () => {
    expect(() => sgd({ learningRate: -1 })).toThrowError(/learningRate: must be a finite number > 0 \(got -1\)/);
    expect(() => adam({ learningRate: 1e-3, beta1: 1 })).toThrowError(/beta1: must be in \[0, 1\)/);
  });
});
