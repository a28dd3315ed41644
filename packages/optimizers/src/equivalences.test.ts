import * as tf from '@tensorflow/tfjs-core';
import { disposeReplaced, disposeTree, type GameGradientFn, type GameOptimizer, type GradientTransformation, type Params, type PerPlayer } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import type { AdamState } from './adam.js';
import { adam, ogda, optimisticAdam, sgd } from './aliases.js';
import { averaged } from './averaged.js';
import { extragradient } from './extragradient.js';
import { extrapolationFromThePast } from './extrapolation-from-the-past.js';
import { simultaneous } from './simultaneous.js';
import { bilinear, scsc, startAt } from './test-support/games.js';

const both = (t: () => GradientTransformation): PerPlayer<GradientTransformation> => ({ generator: t(), discriminator: t() });

/** Wraps a gradient function to record, on the host, every joint point it is evaluated at. */
function recording(gradFn: GameGradientFn): { gradFn: GameGradientFn; points: number[][] } {
  const points: number[][] = [];
  return {
    points,
    gradFn: (p, request) => {
      points.push([...(p.generator.x as tf.Tensor).dataSync(), ...(p.discriminator.y as tf.Tensor).dataSync()]);
      return gradFn(p, request);
    },
  };
}

/** Steps `game` from `start`, calling `visit` with each step's params and state before they are freed. */
async function steps<S extends tf.TensorContainer>(
  game: GameOptimizer<S>,
  gradFn: GameGradientFn,
  start: PerPlayer<Params>,
  count: number,
  visit: (params: PerPlayer<Params>, state: S, t: number) => Promise<void> = async () => undefined,
): Promise<void> {
  let params = start;
  let state = game.init(params);
  await visit(params, state, 0);
  for (let t = 1; t <= count; t++) {
    const out = game.step(gradFn, params, state);
    disposeTree(out.losses);
    disposeReplaced({ params, state }, { params: out.params, state: out.state });
    params = out.params;
    state = out.state;
    await visit(params, state, t);
  }
  disposeTree({ params, state });
}

describeWithBackends('equivalences of papers §5.6 (items 2–5)', ALL_BACKENDS, ({ tol }) => {
  it('item 2: extrapolation from the past evaluates F at exactly the OGDA iterates (the half-step shift)', async () => {
    const past = recording(bilinear);
    const optimistic = recording(bilinear);
    await steps(extrapolationFromThePast(both(() => sgd({ learningRate: 0.1 }))), past.gradFn, startAt(1, 1), 60);
    await steps(simultaneous(both(() => ogda({ learningRate: 0.1 }))), optimistic.gradFn, startAt(1, 1), 60);
    // Past-EG's z_{t+½} and OGDA's z_t agree to float32 rounding (different operation order).
    await expectTensorClose(past.points.flat(), optimistic.points.flat(), tol);
    const ratio = (pts: number[][]) => (Math.hypot(...(pts[59] as number[])) / Math.hypot(...(pts[29] as number[]))) ** (1 / 30);
    expect(Math.abs(ratio(past.points) - 0.994936)).toBeLessThan(1e-4);
    expect(Math.abs(ratio(optimistic.points) - 0.994936)).toBeLessThan(1e-4);
  });

  it('item 3: ExtraAdam advances Adam on both calls (count 2, g absorbed twice, θ = θ_0 + Adam step 2)', async () => {
    const g = 0.3;
    const [lr, b1, b2, eps] = [0.01, 0.5, 0.9, 1e-8];
    const constant: GameGradientFn = () => ({
      grads: { generator: { x: tf.scalar(g) }, discriminator: { y: tf.scalar(-g) } },
      losses: { generator: tf.scalar(0), discriminator: tf.scalar(0) },
    });
    const game = extragradient(both(() => adam({ learningRate: lr, beta1: b1, beta2: b2, epsilon: eps })));
    const params = startAt(1, 1);
    const state = game.init(params);
    const out = game.step(constant, params, state);
    const adamState = (out.state.generator as tf.TensorContainer[])[0] as AdamState;
    expect(adamState.count).toBe(2);
    // m_2 = (1 − β1²)·g and v_2 = (1 − β2²)·g²: g entered both moments twice.
    await expectTensorClose(adamState.mu.x as tf.Tensor, (1 - b1 * b1) * g, tol);
    await expectTensorClose(adamState.nu.x as tf.Tensor, (1 - b2 * b2) * g * g, tol);
    // Step 2 of Adam: m̂ = m_2/(1 − β1²) = g, v̂ = g², so θ = θ_0 − lr·g/(|g| + ε), from θ_0 (not θ_{½}).
    await expectTensorClose(out.params.generator.x as tf.Tensor, 1 - (lr * g) / (Math.abs(g) + eps), tol);
    expect(out.gradientEvaluations).toBe(2);
    disposeTree({ params: out.params, state: out.state, losses: out.losses });
    disposeTree({ params, state });
  });

  it('item 4: the uniform average is (θ_0 + … + θ_K)/(K+1) over updates only, extrapolations excluded', async () => {
    const K = 20;
    const evaluated = recording(scsc);
    const iterates: number[][] = [];
    let average: number[] = [];
    const game = averaged(extragradient(both(() => sgd({ learningRate: 0.1 }))));
    await steps(game, evaluated.gradFn, startAt([0.5, -0.25], [0.75, 1]), K, async (params, state, t) => {
      iterates.push([...(await (params.generator.x as tf.Tensor).data())]);
      if (t === K) average = [...(await (state.average.generator?.x as tf.Tensor).data())];
    });
    const mean = (rows: number[][]) => [0, 1].map((i) => rows.reduce((s, r) => s + (r[i] as number), 0) / rows.length);
    expect(iterates).toHaveLength(K + 1);
    await expectTensorClose(average, mean(iterates), { rtol: 0, atol: 1e-7 });
    // Including the 2K evaluated points (z_t and the extrapolated z_{t+½}) would give another value.
    const withExtrapolations = mean([...iterates, ...evaluated.points.filter((_, i) => i % 2 === 1).map((p) => p.slice(0, 2))]);
    expect(Math.abs((withExtrapolations[0] as number) - (average[0] as number))).toBeGreaterThan(1e-3);
  });

  it('item 4 (EMA): θ̄ ← β·θ̄ + (1−β)·θ_k from θ̄ = θ_0, on the players asked for', async () => {
    const beta = 0.9;
    let expected: number[] = [];
    let got: number[] = [];
    const game = averaged(simultaneous(both(() => sgd({ learningRate: 0.1 }))), { average: { ema: beta }, players: ['generator', 'discriminator'] });
    await steps(game, scsc, startAt([0.5, -0.25], [0.75, 1]), 15, async (params, state, t) => {
      const theta = [...(await (params.generator.x as tf.Tensor).data()), ...(await (params.discriminator.y as tf.Tensor).data())];
      expected = t === 0 ? theta : expected.map((m, i) => beta * m + (1 - beta) * (theta[i] as number));
      got = [...(await (state.average.generator?.x as tf.Tensor).data()), ...(await (state.average.discriminator?.y as tf.Tensor).data())];
    });
    await expectTensorClose(got, expected, tol);
  });

  it('item 5: optimistic Adam with β1 = 0, β2 = 0 follows θ_t = θ_{t−1} − 2η·s_t + η·s_{t−1}, s = g/(|g| + ε)', async () => {
    const [lr, eps] = [0.01, 1e-8];
    const gs = [0.5, -1.5, 2.0, 0.25, -0.75];
    const s = gs.map((g) => g / (Math.abs(g) + eps));
    let theta = 1;
    const expected = s.map((st, i) => (theta = theta - 2 * lr * st + lr * (i === 0 ? 0 : (s[i - 1] as number))));
    const opt = optimisticAdam({ learningRate: lr, beta1: 0, beta2: 0, epsilon: eps });
    let params: Params = { w: tf.scalar(1) };
    let state = opt.init(params);
    const got: number[] = [];
    for (const g of gs) {
      const grads = { w: tf.scalar(g) };
      const out = opt.update(grads, state, params);
      const next = { w: tf.add(params.w as tf.Tensor, out.updates.w as tf.Tensor) };
      disposeReplaced({ grads, params, state, u: out.updates }, { next, state: out.state });
      params = next;
      state = out.state;
      got.push((await (params.w as tf.Tensor).data())[0] as number);
    }
    disposeTree({ params, state });
    await expectTensorClose(got, expected, tol);
  });
});
