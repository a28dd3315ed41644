import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '@saddle/core';
import { describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { valuesOn } from './test-support/values-on.js';

// A tiny DCGAN-style pair on 8×8 images, written with tf ops so that every conv training kernel
// runs: conv2dTranspose's filter gradient and conv2d's are Conv2DBackpropFilter.
const BATCH = 8;
const LATENT = 8;
const LEARNING_RATE = 0.05;
const STEPS = 5;

const G_NAMES = ['dense/kernel', 'dense/bias', 'deconv1/kernel', 'bn/gamma', 'bn/beta', 'deconv2/kernel'] as const;
const D_NAMES = ['conv1/kernel', 'conv1/bias', 'conv2/kernel', 'conv2/bias', 'dense/kernel', 'dense/bias'] as const;
type Params<K extends string> = Record<K, tf.Tensor>;
type G = Params<(typeof G_NAMES)[number]>;
type D = Params<(typeof D_NAMES)[number]>;

/** Seeded N(0, scale²) weights, zero biases, unit batch-norm scale. */
function init(rng: Rng): { g: G; d: D } {
  const w = (name: string, shape: number[], scale: number) => tf.mul(rng.fold(name).normal(shape), scale);
  return {
    g: {
      'dense/kernel': w('g/dense', [LATENT, 2 * 2 * 16], 0.3),
      'dense/bias': tf.zeros([2 * 2 * 16]),
      'deconv1/kernel': w('g/deconv1', [3, 3, 8, 16], 0.2),
      'bn/gamma': tf.ones([8]),
      'bn/beta': tf.zeros([8]),
      'deconv2/kernel': w('g/deconv2', [3, 3, 1, 8], 0.2),
    },
    d: {
      'conv1/kernel': w('d/conv1', [3, 3, 1, 8], 0.3),
      'conv1/bias': tf.zeros([8]),
      'conv2/kernel': w('d/conv2', [3, 3, 8, 16], 0.2),
      'conv2/bias': tf.zeros([16]),
      'dense/kernel': w('d/dense', [2 * 2 * 16, 1], 0.1),
      'dense/bias': tf.zeros([1]),
    },
  };
}

/** z → dense → 2×2×16 → deconv → 4×4×8 → batch norm (batch statistics) → leaky ReLU → deconv → tanh. */
function generate(g: G, z: tf.Tensor): tf.Tensor4D {
  const h0 = tf.reshape(tf.add(tf.matMul(z as tf.Tensor2D, g['dense/kernel'] as tf.Tensor2D), g['dense/bias']), [BATCH, 2, 2, 16]) as tf.Tensor4D;
  const h1 = tf.conv2dTranspose(h0, g['deconv1/kernel'] as tf.Tensor4D, [BATCH, 4, 4, 8], 2, 'same');
  const { mean, variance } = tf.moments(h1, [0, 1, 2]);
  const h2 = tf.leakyRelu(tf.batchNorm(h1, mean, variance, g['bn/beta'], g['bn/gamma'], 1e-3), 0.2) as tf.Tensor4D;
  return tf.tanh(tf.conv2dTranspose(h2, g['deconv2/kernel'] as tf.Tensor4D, [BATCH, 8, 8, 1], 2, 'same'));
}

/** x → conv (stride 2, same) → leaky ReLU → conv (valid) → dense → one logit per image. */
function discriminate(d: D, x: tf.Tensor4D): tf.Tensor {
  const h1 = tf.leakyRelu(tf.add(tf.conv2d(x, d['conv1/kernel'] as tf.Tensor4D, 2, 'same'), d['conv1/bias']) as tf.Tensor4D, 0.2);
  const h2 = tf.add(tf.conv2d(h1, d['conv2/kernel'] as tf.Tensor4D, 1, 'valid'), d['conv2/bias']);
  return tf.add(tf.matMul(tf.reshape(h2, [BATCH, 2 * 2 * 16]), d['dense/kernel'] as tf.Tensor2D), d['dense/bias']);
}

/** One plain SGD step, p ← p − η ∇loss(p), by tf.grads over the map's tensors; `params` stay the caller's. */
function sgd<K extends string>(params: Params<K>, loss: (p: Params<K>) => tf.Scalar): Params<K> {
  const names = Object.keys(params) as K[];
  const asParams = (values: readonly tf.Tensor[]) => Object.fromEntries(names.map((n, i) => [n, values[i]])) as Params<K>;
  return tf.tidy(() => {
    const grads = tf.grads((...values: tf.Tensor[]) => loss(asParams(values)))(names.map((n) => params[n]));
    return asParams(names.map((n, i) => tf.sub(params[n], tf.mul(grads[i]!, LEARNING_RATE))));
  });
}

/**
 * STEPS alternating steps with non-saturating losses, D first: L_D = E softplus(−D(x)) +
 * E softplus(D(G(z))), then L_G = E softplus(−D(G(z))). Returns G's then D's parameters.
 */
function train(afterStep: (step: number) => void): tf.Tensor[] {
  const rng = createRng(2024);
  let { g, d } = init(rng.fold('init'));
  const real = tf.tanh(rng.fold('real').normal([BATCH, 8, 8, 1])) as tf.Tensor4D;
  for (let step = 1; step <= STEPS; step++) {
    const z = rng.fold(step).normal([BATCH, LATENT]);
    const nextD = sgd(d, (p) => tf.add(
      tf.mean(tf.softplus(tf.neg(discriminate(p, real)))),
      tf.mean(tf.softplus(discriminate(p, generate(g, z)))),
    ) as tf.Scalar);
    tf.dispose(Object.values(d));
    d = nextD;
    const nextG = sgd(g, (p) => tf.mean(tf.softplus(tf.neg(discriminate(d, generate(p, z))))) as tf.Scalar);
    tf.dispose(Object.values(g));
    g = nextG;
    z.dispose();
    afterStep(step);
  }
  real.dispose();
  return [...G_NAMES.map((n) => g[n]), ...D_NAMES.map((n) => d[n])];
}

describeWithBackends('conv GAN training step', { only: ['wasm'] }, () => {
  it(`${STEPS} alternating SGD steps match cpu to 1e-4 and keep the tensor count flat`, async () => {
    const counts = new Map<number, number>();
    const actual = await valuesOn('wasm', () => train((step) => counts.set(step, tf.memory().numTensors)));
    const expected = await valuesOn('cpu', () => train(() => undefined));
    const initial = await valuesOn('cpu', () => {
      const { g, d } = init(createRng(2024).fold('init'));
      return [...G_NAMES.map((n) => g[n]), ...D_NAMES.map((n) => d[n])];
    });
    expect(counts.get(5)).toBe(counts.get(2));
    const names = [...G_NAMES.map((n) => `g/${n}`), ...D_NAMES.map((n) => `d/${n}`)];
    for (const [i, name] of names.entries()) {
      const moved = Math.max(...expected[i]!.map((v, j) => Math.abs(v - initial[i]![j]!)));
      expect(moved, `${name} moved in training`).toBeGreaterThan(1e-3);
      await expectTensorClose(actual[i]!, expected[i]!, { rtol: 1e-4, atol: 1e-6 });
    }
  });
});
