import * as tf from '@tensorflow/tfjs-core';
import { disposeTree, SaddleError, type GradientTransformation, type Params } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { scaleByAdam } from './adam.js';
import { momentum, rmsprop } from './aliases.js';
import { chain } from './chain.js';
import { clipByGlobalNorm } from './clip-by-global-norm.js';
import { clipWeights } from './clip-weights.js';
import { scaleByLearningRate } from './learning-rate.js';
import { scaleByMomentum } from './momentum.js';
import { scaleByOptimisticGradient } from './optimistic.js';
import { linearDecaySchedule } from './schedule.js';

const GRADS = [0.5, -1.5, 2.0, 0.25, -0.75];

/** θ_t after feeding the scalar gradients `gs` through `opt` from θ_0 = 1 (driver-style memory). */
async function trajectory(opt: GradientTransformation, gs: readonly number[]): Promise<number[]> {
  let params: Params = { w: tf.scalar(1) };
  let state = opt.init(params);
  const out: number[] = [];
  for (const g of gs) {
    const grads = { w: tf.scalar(g) };
    const step = opt.update(grads, state, params);
    const next = { w: tf.add(params.w as tf.Tensor, step.updates.w as tf.Tensor) };
    disposeTree([grads, params, step.updates, state]);
    params = next;
    state = step.state;
    out.push(((await (params.w as tf.Tensor).data())[0]) as number);
  }
  disposeTree([params, state]);
  return out;
}

describeWithBackends('transformations', ALL_BACKENDS, ({ tol }) => {
  it('momentum follows PyTorch: b ← μb + g, θ ← θ − ηb (and θ ← θ − η(g + μb) with Nesterov)', async () => {
    for (const nesterov of [false, true]) {
      let b = 0;
      let theta = 1;
      const expected = GRADS.map((g) => {
        b = 0.9 * b + g;
        theta -= 0.1 * (nesterov ? g + 0.9 * b : b);
        return theta;
      });
      await expectTensorClose(await trajectory(momentum({ learningRate: 0.1, momentum: 0.9, nesterov }), GRADS), expected, tol);
    }
  });

  it('rmsprop follows PyTorch: v ← ρv + (1−ρ)g², θ ← θ − ηg/(√v + ε)', async () => {
    let v = 0;
    let theta = 1;
    const expected = GRADS.map((g) => {
      v = 0.9 * v + 0.1 * g * g;
      theta -= (0.01 * g) / (Math.sqrt(v) + 1e-8);
      return theta;
    });
    await expectTensorClose(await trajectory(rmsprop({ learningRate: 0.01, decay: 0.9 }), GRADS), expected, tol);
  });

  it('the optimistic correction is (α+β)g_t − βg_{t−1} with g_{−1} = 0', async () => {
    const expected = GRADS.map((g, i) => 1.5 * g - 0.5 * (i === 0 ? 0 : (GRADS[i - 1] as number)));
    // θ_t − θ_{t−1} = −u_t with η = 1, so the increments of the trajectory are −u_t.
    const theta = await trajectory(chain(scaleByOptimisticGradient({ alpha: 1, beta: 0.5 }), scaleByLearningRate(1)), GRADS);
    const increments = theta.map((t, i) => (i === 0 ? 1 : (theta[i - 1] as number)) - t);
    await expectTensorClose(increments, expected, tol);
  });

  it('adam without bias correction uses the raw moments: u = m_t/(√v_t + ε)', async () => {
    const tx = scaleByAdam({ beta1: 0.5, beta2: 0.75, biasCorrection: false });
    const params = { w: tf.scalar(0) };
    const state = tx.init(params);
    const grads = { w: tf.scalar(2) };
    const out = tx.update(grads, state, params);
    // m_1 = 0.5·2 = 1, v_1 = 0.25·4 = 1, u = 1/(1 + ε).
    await expectTensorClose(out.updates.w as tf.Tensor, 1 / (1 + 1e-8), tol);
    disposeTree([params, state, grads, out]);
  });

  it('a linear-decay schedule holds η₀, then decays linearly to 0 and stays there', async () => {
    const schedule = linearDecaySchedule({ initial: 0.4, decayStart: 2, decayEnd: 6 });
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(schedule)).toEqual([0.4, 0.4, 0.4, 0.30000000000000004, 0.2, 0.1, 0, 0]);
    // scaleByLearningRate evaluates it at the update count: with g = 1 the steps are −η(t).
    const theta = await trajectory(scaleByLearningRate(schedule), [1, 1, 1, 1, 1, 1, 1, 1]);
    await expectTensorClose(theta, [0.6, 0.2, -0.2, -0.5, -0.7, -0.8, -0.8, -0.8], tol);
  });

  it('clipByGlobalNorm rescales all leaves by c/‖g‖ above c and leaves them alone below', async () => {
    const tx = clipByGlobalNorm(1);
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([4]) }; // ‖g‖ = 5
    const clipped = tx.update(grads, tx.init(grads));
    await expectTensorClose(clipped.updates.a as tf.Tensor, [0.6, 0], tol);
    await expectTensorClose(clipped.updates.b as tf.Tensor, [0.8], tol);
    const small = { a: tf.tensor1d([0.3, 0]), b: tf.tensor1d([0.4]) };
    const kept = tx.update(small, tx.init(small));
    await expectTensorClose(kept.updates.a as tf.Tensor, [0.3, 0], tol);
    await expectTensorClose(kept.updates.b as tf.Tensor, [0.4], tol);
    disposeTree([grads, clipped.updates, small, kept.updates]);
  });

  it('clipWeights lands on clip(θ + u, −c, c) and passes in-box updates through bit for bit', async () => {
    const tx = clipWeights(0.01);
    const params = { w: tf.tensor1d([0.005, -0.009, 0.002, 0.0099]) };
    const updates = { w: tf.tensor1d([0.01, -0.5, 1e-3, 7e-5]) };
    const out = tx.update(updates, tx.init(params), params);
    const next = tf.add(params.w as tf.Tensor, out.updates.w as tf.Tensor);
    const values = await next.data();
    expect(Math.abs((values[0] as number) - 0.01)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs((values[1] as number) + 0.01)).toBeLessThanOrEqual(1e-9);
    const [u2, u3] = [...(await (out.updates.w as tf.Tensor).data())].slice(2);
    const [e2, e3] = [...(await (updates.w as tf.Tensor).data())].slice(2);
    expect([u2, u3]).toEqual([e2, e3]);
    disposeTree([params, updates, out.updates, next]);
  });

  it('clipWeights refuses to run without params, naming the field and the fix', () => {
    const tx = clipWeights(0.01);
    const updates = { w: tf.scalar(1) };
    expect(() => tx.update(updates, tx.init({}))).toThrowError(SaddleError);
    expect(() => tx.update(updates, tx.init({}))).toThrowError(/params: clipWeights needs the parameters; call update\(updates, state, params\)/);
    disposeTree(updates);
  });

  it('refuses bad hyper-parameters with the field, the value and the fix', () => {
    expect(() => scaleByMomentum({ momentum: 1 })).toThrowError(/momentum: must be in \[0, 1\) \(got 1\); pass momentum in \[0, 1\)/);
    expect(() => rmsprop({ learningRate: 0.1, epsilon: 0 })).toThrowError(/epsilon: must be a finite number > 0 \(got 0\)/);
    expect(() => clipByGlobalNorm(Number.NaN)).toThrowError(/maxNorm: must be a finite number > 0 \(got NaN\)/);
    expect(() => clipWeights(-0.01)).toThrowError(/bound: must be a finite number > 0 \(got -0.01\)/);
    expect(() => linearDecaySchedule({ initial: 0.1, decayStart: 10, decayEnd: 10 })).toThrowError(/decayEnd: must be an integer > decayStart \(got 10\); pass the update count where η reaches 0, > 10/);
    expect(() => scaleByOptimisticGradient({ beta: -1 })).toThrowError(/beta: must be a finite number > 0/);
  });

  it('a schedule that returns a negative or non-finite step size is refused at the update', () => {
    const tx = scaleByLearningRate(() => Number.NaN);
    const grads = { w: tf.scalar(1) };
    expect(() => tx.update(grads, tx.init(grads))).toThrowError(/learningRate\(0\): schedule returned an invalid step size \(got NaN\); make the schedule return a finite number ≥ 0/);
    disposeTree(grads);
  });
});
