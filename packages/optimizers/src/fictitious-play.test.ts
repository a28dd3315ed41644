import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeReplaced, disposeTree, type GameGradientFn, type GameOptimizer, type GradientTransformation, type Params, type PerPlayer } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { adam, sgd } from './aliases.js';
import { alternating } from './alternating.js';
import { averaged } from './averaged.js';
import { chain } from './chain.js';
import { clipWeights } from './clip-weights.js';
import { fictitiousPlay, type FictitiousPlayState } from './fictitious-play.js';
import { scaleByLearningRate } from './learning-rate.js';
import type { PlayerStates } from './players.js';
import { simultaneous } from './simultaneous.js';

const both = (t: () => GradientTransformation): PerPlayer<GradientTransformation> => ({ generator: t(), discriminator: t() });
const value = async (t: tf.Tensor | undefined): Promise<number> => (await (t as tf.Tensor).data())[0] as number;
const softplus = (v: number) => Math.log1p(Math.exp(v));

/**
 * A non-saturating GAN on Dirac data at μ = 1: G = θ (a point), D(x) = a·x + b (a logit), so
 * L_D = softplus(−D(μ)) + softplus(D(θ)) and L_G = softplus(−D(θ)). Nonlinear in D, so a gradient
 * averaged over discriminators differs from the gradient at their average.
 */
const dirac: GameGradientFn = (p) =>
  tf.tidy(() => {
    const theta = p.generator.theta as tf.Scalar;
    const [a, b] = [p.discriminator.a as tf.Scalar, p.discriminator.b as tf.Scalar];
    const onFake = tf.add(tf.mul(a, theta), b);
    const onReal = tf.add(a, b);
    const sFake = tf.sigmoid(onFake); // ∂softplus(D(θ))/∂D(θ)
    const sReal = tf.sigmoid(tf.neg(onReal)); // −∂softplus(−D(μ))/∂D(μ)
    return {
      grads: {
        generator: { theta: tf.neg(tf.mul(tf.sub(1, sFake), a)) },
        discriminator: { a: tf.sub(tf.mul(sFake, theta), sReal), b: tf.sub(sFake, sReal) },
      },
      losses: { generator: tf.softplus(tf.neg(onFake)) as tf.Scalar, discriminator: tf.add(tf.softplus(tf.neg(onReal)), tf.softplus(onFake)) as tf.Scalar },
    };
  });
const diracStart = (): PerPlayer<Params> => ({ generator: { theta: tf.scalar(-0.5) }, discriminator: { a: tf.scalar(0.3), b: tf.scalar(-0.2) } });

/** Runs `count` steps driver-style, visiting each step's inputs before it runs. */
async function run<S extends tf.TensorContainer>(
  game: GameOptimizer<S>,
  gradFn: GameGradientFn,
  start: PerPlayer<Params>,
  count: number,
  visit: (params: PerPlayer<Params>, state: S, t: number) => Promise<void> | void,
): Promise<void> {
  let params = start;
  let state = game.init(params);
  for (let t = 0; t < count; t++) {
    await visit(params, state, t);
    const out = game.step(gradFn, params, state);
    disposeTree(out.losses);
    disposeReplaced({ params, state }, { params: out.params, state: out.state });
    params = out.params;
    state = out.state;
  }
  await visit(params, state, count);
  disposeTree({ params, state });
}

async function flat(params: PerPlayer<Params>): Promise<number[]> {
  const leaves = [...Object.values(params.generator), ...Object.values(params.discriminator)];
  return (await Promise.all(leaves.map((t) => t.data()))).flatMap((d) => [...d]);
}

describeWithBackends('fictitious play (papers §4.3)', ALL_BACKENDS, () => {
  it('item 1: window 1 is bit-identical to plain alternating training', async () => {
    const inner = () => alternating(both(() => adam({ learningRate: 0.05, beta1: 0.5 })), { discriminatorSteps: 2 });
    const plain: number[][] = [];
    const fictitious: number[][] = [];
    await run(inner(), dirac, diracStart(), 40, async (p) => void plain.push(await flat(p)));
    await run(fictitiousPlay(inner(), { window: 1, rng: createRng(0) }), dirac, diracStart(), 40, async (p) => void fictitious.push(await flat(p)));
    expect(fictitious).toEqual(plain);
    expect(new Set(plain.map((z) => z.join())).size).toBe(41); // the trajectory does move
  });

  it('item 3: the generator loss and gradient are averages over the stored discriminators (explicit loop, 1e-6)', async () => {
    const eta = 0.1;
    const game = fictitiousPlay(simultaneous(both(() => sgd({ learningRate: eta }))), { window: 3, rng: createRng(1) });
    await run(game, dirac, diracStart(), 3, async (params, state: FictitiousPlayState<PlayerStates>, t) => {
      if (t !== 3) return;
      // The mixture: the current D and the two stored ones.
      const ds = [params.discriminator, ...state.history.discriminator];
      expect(ds).toHaveLength(3);
      const theta = await value(params.generator.theta);
      const pairs = await Promise.all(ds.map(async (d) => [await value(d.a), await value(d.b)] as const));
      const loss = pairs.reduce((s, [a, b]) => s + softplus(-(a * theta + b)), 0) / 3;
      const grad = pairs.reduce((s, [a, b]) => s - (1 - 1 / (1 + Math.exp(-(a * theta + b)))) * a, 0) / 3;
      const out = game.step(dirac, params, state);
      await expectTensorClose(out.losses.generator, loss, { rtol: 1e-6, atol: 1e-6 });
      await expectTensorClose(out.params.generator.theta as tf.Tensor, theta - eta * grad, { rtol: 1e-6, atol: 1e-6 });
      // One discriminator call against a drawn generator, three generator calls.
      expect(out.gradientEvaluations).toBe(4);
      disposeReplaced({ params: out.params, state: out.state, losses: out.losses }, { params, state });
    });
  });

  it('refuses a window that is not a positive integer, naming the field', () => {
    const inner = alternating(both(() => sgd({ learningRate: 0.1 })));
    expect(() => fictitiousPlay(inner, { window: 0, rng: createRng(0) })).toThrowError(/window: must be an integer in \[1, 1000\] \(got 0\); pass window ≥ 1/);
  });
});

/**
 * The toy of papers §4.3 item 4: data N(μ, 1) with μ = 0.5, G(z) = θ + z, a linear critic
 * D(x) = ψ·x clipped to |ψ| ≤ 1 (WGAN). With population expectations,
 *   L_D = E_fake D − E_real D = ψ·(θ − μ),  L_G = −E_fake D = −ψ·θ,
 * a bilinear game around (θ, ψ) = (μ, 0) on which alternating best response cycles. A linear
 * critic sees only means, so the error of the time-averaged generated distribution is |θ̄_t − μ|.
 */
const MU = 0.5;
const wgan: GameGradientFn = (p) =>
  tf.tidy(() => {
    const theta = p.generator.theta as tf.Scalar;
    const psi = p.discriminator.psi as tf.Scalar;
    return {
      grads: { generator: { theta: tf.neg(psi) }, discriminator: { psi: tf.sub(theta, MU) } },
      losses: { generator: tf.neg(tf.mul(psi, theta)) as tf.Scalar, discriminator: tf.mul(psi, tf.sub(theta, MU)) as tf.Scalar },
    };
  });

/** θ_t (last iterate) and θ̄_t (uniform average including θ_0) for t = 1..steps. */
async function trace(window: number, steps: number): Promise<{ last: number[]; average: number[] }> {
  const players = { generator: sgd({ learningRate: 0.1 }), discriminator: chain(scaleByLearningRate(0.1), clipWeights(1)) };
  // D takes 5 steps per G step: an approximate best response to the generator mixture.
  const game = averaged(fictitiousPlay(alternating(players, { discriminatorSteps: 5 }), { window, rng: createRng(4) }));
  const last: number[] = [];
  const average: number[] = [];
  const start = { generator: { theta: tf.scalar(2) }, discriminator: { psi: tf.scalar(0) } };
  await run(game, wgan, start, steps, async (params, state, t) => {
    if (t === 0) return;
    last.push(await value(params.generator.theta));
    average.push(await value(state.average.generator?.theta));
  });
  return { last, average };
}

describeWithBackends('fictitious play: convergence of the average on a cycling game (papers §4.3 item 4)', ALL_BACKENDS, () => {
  const range = (xs: number[], from: number, to: number) => Math.max(...xs.slice(from, to)) - Math.min(...xs.slice(from, to));

  it('alternating best response (window 1) cycles: the last iterate does not settle', async () => {
    const { last } = await trace(1, 1000);
    expect(range(last, 800, 1000)).toBeGreaterThan(0.8);
    expect(range(last, 800, 1000)).toBeGreaterThan(0.95 * range(last, 300, 500));
  });

  it('window 3: the averaged distribution converges at rate 1/t while the last iterate keeps cycling', async () => {
    const { last, average } = await trace(3, 2000);
    // E(T) = max over t in [T, 2T) of |θ̄_t − μ|; a 1/t rate halves it per doubling of T.
    const E = [125, 250, 500, 1000].map((T) => Math.max(...average.slice(T - 1, 2 * T - 1).map((m) => Math.abs(m - MU))));
    const slope = Math.log((E[3] as number) / (E[0] as number)) / Math.log(8);
    expect(slope).toBeGreaterThan(-1.25);
    expect(slope).toBeLessThan(-0.75);
    expect(E[3]).toBeLessThan(0.025);
    // The last iterate still swings over more than half the box at the end, undamped.
    expect(range(last, 1500, 2000)).toBeGreaterThan(1);
    expect(range(last, 1500, 2000)).toBeGreaterThan(0.9 * range(last, 500, 1000));
  });
});

describeWithBackends('fictitious play: host-side sampling', { skip: { wasm: 'the draws are host arithmetic on a seeded key; one backend covers them' } }, () => {
  it('item 2: over 10⁴ discriminator calls each of n = 4 generators is drawn 1/n ± 3σ of the time', async () => {
    const n = 4;
    const counts = new Array<number>(n).fill(0);
    let current: { params: PerPlayer<Params>; state: FictitiousPlayState<PlayerStates> } | undefined;
    const counting: GameGradientFn = (p, request) => {
      const { params, state } = current as NonNullable<typeof current>;
      if (request?.players.join() === 'discriminator' && state.history.generator.length === n - 1) {
        const index = [params.generator, ...state.history.generator].indexOf(p.generator);
        counts[index] = (counts[index] as number) + 1;
      }
      return tf.tidy(() => ({
        grads: { generator: { x: tf.scalar(1) }, discriminator: { y: tf.scalar(1) } },
        losses: { generator: tf.scalar(0), discriminator: tf.scalar(0) },
      }));
    };
    const game = fictitiousPlay(alternating(both(() => sgd({ learningRate: 1e-3 })), { discriminatorSteps: 50 }), { window: n, rng: createRng(2018) });
    const start = { generator: { x: tf.scalar(0) }, discriminator: { y: tf.scalar(0) } };
    await run(game, counting, start, n - 1 + 200, (params, state) => void (current = { params, state }));
    const total = counts.reduce((a, b) => a + b, 0);
    expect(total).toBe(10_000);
    const sigma = Math.sqrt(((1 / n) * (1 - 1 / n)) / total);
    for (const c of counts) expect(Math.abs(c / total - 1 / n)).toBeLessThanOrEqual(3 * sigma);
  });
});
