import * as tf from '@tensorflow/tfjs-core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { createRng } from './index.js';

// These tests import only the package entry, so they check the gradients that the built
// `@saddle/core/register-gradients` (what every process loads) registers, not a source copy.

/** Points away from the kinks of leakyRelu and elu. */
const XS = [-2.3, -1.1, -0.4, 0.3, 0.9, 1.7];
/** A few chained float32 ops against float64 closed forms. */
const CLOSED_FORM_TOL = { rtol: 1e-4, atol: 1e-6 };
const ALPHA = 0.2;

const sigma = (v: number): number => 1 / (1 + Math.exp(-v));

/** Elementwise f'' by differentiating the elementwise f' (a sum over independent entries). */
function secondDerivative(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): tf.Tensor {
  const df = tf.grad((u: tf.Tensor) => tf.sum(f(u)));
  return tf.grad((u: tf.Tensor) => tf.sum(df(u)))(x);
}

const CASES: ReadonlyArray<{ name: string; f: (x: tf.Tensor) => tf.Tensor; d2: (v: number) => number }> = [
  { name: 'tanh: −2 tanh(x)(1 − tanh²x)', f: tf.tanh, d2: (v) => -2 * Math.tanh(v) * (1 - Math.tanh(v) ** 2) },
  { name: 'sigmoid: σ(1 − σ)(1 − 2σ)', f: tf.sigmoid, d2: (v) => sigma(v) * (1 - sigma(v)) * (1 - 2 * sigma(v)) },
  { name: 'exp: eˣ', f: tf.exp, d2: Math.exp },
  { name: 'elu: 0 for x > 0, eˣ below', f: tf.elu, d2: (v) => (v > 0 ? 0 : Math.exp(v)) },
  { name: 'leakyRelu: 0 (its gradient’s comparison has a zero gradient)', f: (x) => tf.leakyRelu(x, ALPHA), d2: () => 0 },
  { name: 'leakyRelu(x)²: 2 for x > 0, 2α² below', f: (x) => tf.square(tf.leakyRelu(x, ALPHA)), d2: (v) => (v > 0 ? 2 : 2 * ALPHA ** 2) },
  { name: 'softplus: σ(1 − σ)', f: tf.softplus, d2: (v) => sigma(v) * (1 - sigma(v)) },
  { name: 'relu6(x)²: 2 inside (0, 6), else 0', f: (x) => tf.square(tf.relu6(x)), d2: (v) => (v > 0 && v < 6 ? 2 : 0) },
  { name: 'tf.clipByValue(x, −1, 1)²: 2 inside, 0 outside', f: (x) => tf.square(tf.clipByValue(x, -1, 1)), d2: (v) => (Math.abs(v) < 1 ? 2 : 0) },
];

describeWithBackends('second-order gradients', ALL_BACKENDS, () => {
  it('are registered by the built register-gradients (Tanh saves x, Greater has a zero gradient)', () => {
    expect(tf.getGradient('Tanh')?.inputsToSave).toEqual(['x']);
    for (const kernel of ['Greater', 'Less', 'LessEqual', 'Equal', 'NotEqual', 'LogicalAnd', 'LogicalOr', 'LogicalNot']) {
      expect(tf.getGradient(kernel), kernel).toBeDefined();
    }
  });

  it('leaves first-order gradients bit for bit as tfjs computes them (from the saved output)', async () => {
    const [actual, expected] = tf.tidy(() => {
      const x = tf.tensor1d(XS);
      const r = tf.tensor1d(XS.map((v) => 0.5 - v));
      const g = (f: (u: tf.Tensor) => tf.Tensor) => tf.grad((u: tf.Tensor) => tf.sum(tf.mul(f(u), r)))(x);
      const [t, s, e] = [tf.tanh(x), tf.sigmoid(x), tf.exp(x)];
      return [
        tf.concat([g(tf.tanh), g(tf.sigmoid), g(tf.exp), g(tf.elu)]),
        // tfjs 4.22's formulas: (1 − y²)·dy, dy·(y(1 − y)), dy·y, EluGrad(dy, y).
        tf.concat([
          tf.mul(tf.sub(tf.scalar(1), tf.square(t)), r),
          tf.mul(r, tf.mul(s, tf.sub(tf.scalar(1), s))),
          tf.mul(r, e),
          tf.engine().runKernel('EluGrad', { dy: r, y: tf.elu(x) }) as tf.Tensor,
        ]),
      ];
    });
    await expectTensorClose(actual!, expected!, { rtol: 0, atol: 0 });
    tf.dispose([actual!, expected!]);
  });

  for (const { name, f, d2 } of CASES) {
    it(`d²/dx² ${name}`, async () => {
      const actual = tf.tidy(() => secondDerivative(f, tf.tensor1d(XS)));
      await expectTensorClose(actual, XS.map(d2), CLOSED_FORM_TOL);
      actual.dispose();
    });
  }

  it('tanh keeps its first derivative and gets the third: 1 − tanh², −2(1 − tanh²)(1 − 3 tanh²)', async () => {
    const [d1, d3] = tf.tidy(() => {
      const x = tf.tensor1d(XS);
      const g1 = tf.grad((u: tf.Tensor) => tf.sum(tf.tanh(u)));
      const g2 = tf.grad((u: tf.Tensor) => tf.sum(g1(u)));
      return [g1(x), tf.grad((u: tf.Tensor) => tf.sum(g2(u)))(x)];
    });
    const t = XS.map(Math.tanh);
    await expectTensorClose(d1!, t.map((y) => 1 - y * y), CLOSED_FORM_TOL);
    await expectTensorClose(d3!, t.map((y) => -2 * (1 - y * y) * (1 - 3 * y * y)), CLOSED_FORM_TOL);
    tf.dispose([d1!, d3!]);
  });

  it('softmax: ∇_z Σ_j r_j ∂f/∂z_j for f = c·softmax(z) is Σ_j r_j H_ij, H_ij = s_j(δ_ij − s_i)(c_j − c̄) − s_i s_j(c_i − c̄)', async () => {
    const z = [0.3, -1.2, 2.0, 0.5];
    const c = [1.5, -0.7, 0.2, 2.2];
    const r = [0.4, 1.1, -0.9, 0.6];
    const e = z.map(Math.exp);
    const total = e.reduce((a, b) => a + b, 0);
    const s = e.map((v) => v / total);
    const cBar = s.reduce((a, si, k) => a + si * c[k]!, 0);
    const expected = z.map((_, i) => z.reduce((acc, _z, j) => {
      const h = s[j]! * ((i === j ? 1 : 0) - s[i]!) * (c[j]! - cBar) - s[i]! * s[j]! * (c[i]! - cBar);
      return acc + r[j]! * h;
    }, 0));
    const actual = tf.tidy(() => {
      const cT = tf.tensor1d(c);
      const rT = tf.tensor1d(r);
      const df = tf.grad((u: tf.Tensor) => tf.sum(tf.mul(tf.softmax(u), cT)));
      return tf.grad((u: tf.Tensor) => tf.sum(tf.mul(df(u), rT)))(tf.tensor1d(z));
    });
    await expectTensorClose(actual, expected, CLOSED_FORM_TOL);
    actual.dispose();
  });

  it('pow: ∂²aᵇ/∂b² = aᵇ ln²a and ∂²aᵇ/∂a∂b = aᵇ⁻¹(1 + b ln a)', async () => {
    const a = [0.5, 1.3, 2.0, 3.1];
    const b = [1.5, -0.5, 2.0, 0.7];
    const [dbb, dab] = tf.tidy(() => {
      const aT = tf.tensor1d(a);
      const bT = tf.tensor1d(b);
      const dB = (av: tf.Tensor, bv: tf.Tensor) => tf.grad((u: tf.Tensor) => tf.sum(tf.pow(av, u)))(bv);
      return [
        tf.grad((u: tf.Tensor) => tf.sum(dB(aT, u)))(bT),
        tf.grad((u: tf.Tensor) => tf.sum(dB(u, bT)))(aT),
      ];
    });
    await expectTensorClose(dbb!, a.map((ai, i) => ai ** b[i]! * Math.log(ai) ** 2), CLOSED_FORM_TOL);
    await expectTensorClose(dab!, a.map((ai, i) => ai ** (b[i]! - 1) * (1 + b[i]! * Math.log(ai))), CLOSED_FORM_TOL);
    tf.dispose([dbb!, dab!]);
  });

  for (const [act1, act2] of [['leakyRelu', 'tanh'], ['elu', 'sigmoid']] as const) {
    it(`WGAN-GP penalty ∇_w mean_i(‖∇_x f(x_i; w)‖ − 1)² of a ${act1}/${act2} MLP matches float64 central differences`, async () => {
      const params = mlpParams(createRng(11).fold(`${act1}/${act2}`));
      const x = createRng(12).normal([N, D]);
      const xs = Array.from(await x.data());
      const hostParams = Object.fromEntries(await Promise.all(Object.entries(params).map(async ([k, v]) => [k, Array.from(await v.data())] as const)));
      const expected = finiteDifferenceGradient(hostParams, xs, [act1, act2]);
      const names = Object.keys(params);
      const grads = tf.tidy(() => tf.grads((...ws: tf.Tensor[]) => {
        const p = Object.fromEntries(names.map((k, i) => [k, ws[i]!]));
        const inputGrad = tf.grad((u: tf.Tensor) => tf.sum(mlp(p, u, [act1, act2])))(x);
        const norms = tf.sqrt(tf.sum(tf.square(inputGrad), 1));
        return tf.mean(tf.square(tf.sub(norms, 1)));
      })(names.map((k) => params[k]!)));
      const scale = Math.max(...Object.values(expected).flat().map(Math.abs));
      for (const [i, k] of names.entries()) {
        // Float32 gradients of a ~1-sized penalty against a float64 reference: rtol 1e-3, with an
        // atol of 1e-4 of the largest entry for entries that nearly cancel.
        await expectTensorClose(grads[i]!, expected[k]!, { rtol: 1e-3, atol: 1e-4 * scale });
      }
      tf.dispose([...grads, ...Object.values(params), x]);
    });
  }
});

// A tiny critic f(x) = v · φ₂(φ₁(x W1 + b1) W2 + b2), one scalar per row of x.
const N = 5;
const D = 3;
const H1 = 6;
const H2 = 4;
type Act = 'leakyRelu' | 'tanh' | 'elu' | 'sigmoid';

function mlpParams(rng: ReturnType<typeof createRng>): Record<string, tf.Tensor> {
  const scaled = (name: string, shape: number[], s: number) => tf.tidy(() => tf.mul(rng.fold(name).normal(shape), s));
  return {
    w1: scaled('w1', [D, H1], 0.8), b1: scaled('b1', [H1], 0.3),
    w2: scaled('w2', [H1, H2], 0.6), b2: scaled('b2', [H2], 0.3),
    v: scaled('v', [H2], 1.0),
  };
}

function activate(a: tf.Tensor, act: Act): tf.Tensor {
  if (act === 'leakyRelu') return tf.leakyRelu(a, ALPHA);
  if (act === 'elu') return tf.elu(a);
  return act === 'tanh' ? tf.tanh(a) : tf.sigmoid(a);
}

function mlp(p: Record<string, tf.Tensor>, x: tf.Tensor, [act1, act2]: readonly [Act, Act]): tf.Tensor {
  const h1 = activate(tf.add(tf.matMul(x as tf.Tensor2D, p.w1 as tf.Tensor2D), p.b1!), act1);
  const h2 = activate(tf.add(tf.matMul(h1 as tf.Tensor2D, p.w2 as tf.Tensor2D), p.b2!), act2);
  return tf.sum(tf.mul(h2, p.v!), 1);
}

/** φ and φ' in float64. */
function hostActivation(act: Act): [(v: number) => number, (v: number) => number] {
  switch (act) {
    case 'leakyRelu': return [(v) => (v > 0 ? v : ALPHA * v), (v) => (v > 0 ? 1 : ALPHA)];
    case 'tanh': return [Math.tanh, (v) => 1 - Math.tanh(v) ** 2];
    case 'elu': return [(v) => (v > 0 ? v : Math.expm1(v)), (v) => (v > 0 ? 1 : Math.exp(v))];
    case 'sigmoid': return [sigma, (v) => sigma(v) * (1 - sigma(v))];
  }
}

/** The penalty in float64 with the closed-form input gradient ∇_x f = W1 (φ₁'(a1) ⊙ W2 (φ₂'(a2) ⊙ v)). */
function hostPenalty(p: Record<string, number[]>, xs: number[], acts: readonly [Act, Act]): number {
  const [[phi1, dphi1], [, dphi2]] = [hostActivation(acts[0]), hostActivation(acts[1])];
  const { w1, b1, w2, b2, v } = p as Record<'w1' | 'b1' | 'w2' | 'b2' | 'v', number[]>;
  let total = 0;
  for (let i = 0; i < N; i++) {
    const a1 = Array.from({ length: H1 }, (_, j) => b1[j]! + Array.from({ length: D }, (_, d) => xs[i * D + d]! * w1[d * H1 + j]!).reduce((s, t) => s + t, 0));
    const h1 = a1.map(phi1);
    const a2 = Array.from({ length: H2 }, (_, k) => b2[k]! + h1.reduce((s, h, j) => s + h * w2[j * H2 + k]!, 0));
    const g2 = a2.map((a, k) => dphi2(a) * v[k]!);
    const g1 = a1.map((a, j) => dphi1(a) * g2.reduce((s, g, k) => s + g * w2[j * H2 + k]!, 0));
    const gx = Array.from({ length: D }, (_, d) => g1.reduce((s, g, j) => s + g * w1[d * H1 + j]!, 0));
    total += (Math.sqrt(gx.reduce((s, g) => s + g * g, 0)) - 1) ** 2;
  }
  return total / N;
}

/** Central differences of the float64 penalty, step 1e-6 (truncation ~1e-12, rounding ~1e-10). */
function finiteDifferenceGradient(p: Record<string, number[]>, xs: number[], acts: readonly [Act, Act]): Record<string, number[]> {
  const h = 1e-6;
  return Object.fromEntries(Object.entries(p).map(([k, values]) => [k, values.map((_, i) => {
    const at = (delta: number) => hostPenalty({ ...p, [k]: values.map((w, j) => (j === i ? w + delta : w)) }, xs, acts);
    return (at(h) - at(-h)) / (2 * h);
  })]));
}
