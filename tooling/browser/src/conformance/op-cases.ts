import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import type { ConformanceCase } from './conformance-case.js';

/** Host values uniform in [−1, 1), rounded to float32 so closed forms see what the backend sees. */
function hostValues(seed: string, count: number): number[] {
  return Array.from(createRng(31).fold(seed).uniform(count), (u) => Math.fround(2 * u - 1));
}

/** Row-major m×n product of row-major m×k and k×n arrays, in float64. */
function hostMatMul(a: number[], b: number[], m: number, k: number, n: number): number[] {
  const out = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) out[i * n + j]! += a[i * k + p]! * b[p * n + j]!;
  return out;
}

function hostTranspose(a: number[], rows: number, cols: number): number[] {
  return Array.from({ length: rows * cols }, (_, idx) => a[(idx % rows) * cols + Math.floor(idx / rows)]!);
}

const [M, K, N] = [5, 7, 3];

/** Seeded N(0, 1) tensors: identical on every backend (tfjs draws them on the host). */
const normal = (seed: string, shape: number[]) => createRng(37).fold(seed).normal(shape);

/** Gradients of L = Σ R ⊙ f(inputs) w.r.t. every input, R a seeded upstream gradient. */
function gradsOfWeightedSum(f: (...inputs: tf.Tensor[]) => tf.Tensor, inputs: () => tf.Tensor[]): tf.Tensor[] {
  return tf.tidy(() => {
    const xs = inputs();
    const r = normal('upstream', f(...xs).shape);
    return tf.grads((...vs: tf.Tensor[]) => tf.sum(tf.mul(f(...vs), r)))(xs);
  });
}

/** Gradients of the ops the models use, each differentiated through `tf.grads`. */
export const OP_CASES: readonly ConformanceCase[] = [
  {
    name: 'matMul 5×7·7×3: dL/dA = R·Bᵀ, dL/dB = Aᵀ·R (closed form)',
    compute: () => tf.tidy(() => {
      const a = tf.tensor2d(hostValues('a', M * K), [M, K]);
      const b = tf.tensor2d(hostValues('b', K * N), [K, N]);
      const r = tf.tensor2d(hostValues('r', M * N), [M, N]);
      return tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D), r)))([a, b]);
    }),
    closedForm: () => {
      const [a, b, r] = [hostValues('a', M * K), hostValues('b', K * N), hostValues('r', M * N)];
      return [hostMatMul(r, hostTranspose(b, K, N), M, N, K), hostMatMul(hostTranspose(a, M, K), r, K, M, N)];
    },
  },
  {
    name: 'batched matMul with transposed operands [2,7,5]ᵀ·[2,3,7]ᵀ: both gradients vs cpu',
    compute: () => gradsOfWeightedSum(
      (a, b) => tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D, true, true),
      () => [normal('a3', [2, K, M]), normal('b3', [2, N, K])],
    ),
  },
  {
    name: "conv2d 3×3, stride 2, 'same', x [2,8,8,3] → 4 channels: dL/dx, dL/dW vs cpu",
    compute: () => gradsOfWeightedSum(
      (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same'),
      () => [normal('x', [2, 8, 8, 3]), normal('w', [3, 3, 3, 4])],
    ),
  },
  {
    name: "conv2d 3×3, stride 1, 'valid', x [2,6,6,4] → 2 channels: dL/dx, dL/dW vs cpu",
    compute: () => gradsOfWeightedSum(
      (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'),
      () => [normal('x', [2, 6, 6, 4]), normal('w', [3, 3, 4, 2])],
    ),
  },
  {
    name: "conv2dTranspose 3×3, stride 2, 'same', [2,4,4,8] → [2,8,8,3]: dL/dx, dL/dW vs cpu",
    compute: () => gradsOfWeightedSum(
      (x, w) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [2, 8, 8, 3], 2, 'same'),
      () => [normal('x', [2, 4, 4, 8]), normal('w', [3, 3, 3, 8])],
    ),
  },
  {
    name: 'batchNorm with batch statistics (moments over N, H, W), x [8,4,4,3]: dL/dx, dL/dγ, dL/dβ vs cpu',
    compute: () => gradsOfWeightedSum(
      (x, gamma, beta) => {
        const { mean, variance } = tf.moments(x, [0, 1, 2]);
        return tf.batchNorm(x as tf.Tensor4D, mean, variance, beta, gamma, 1e-3);
      },
      () => [normal('x', [8, 4, 4, 3]), tf.add(1, tf.mul(0.1, normal('gamma', [3]))), normal('beta', [3])],
    ),
  },
  {
    name: 'softplus and sigmoid on [−8, 8]: softplus, d softplus/dx = σ, σ, dσ/dx = σ(1 − σ) (closed form)',
    compute: () => tf.tidy(() => {
      const x = tf.tensor1d(GRID);
      const dSoftplus = tf.grad((v: tf.Tensor) => tf.sum(tf.softplus(v)))(x);
      const dSigmoid = tf.grad((v: tf.Tensor) => tf.sum(tf.sigmoid(v)))(x);
      return [tf.softplus(x), dSoftplus, tf.sigmoid(x), dSigmoid];
    }),
    closedForm: () => {
      const sigma = GRID.map((x) => 1 / (1 + Math.exp(-x)));
      return [GRID.map((x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))), sigma, sigma, sigma.map((s) => s * (1 - s))];
    },
  },
  {
    name: 'leakyRelu (α = 0.2) on [−8, 8] without 0: values and derivative 1 or α (closed form)',
    compute: () => tf.tidy(() => {
      const x = tf.tensor1d(GRID_NO_ZERO);
      return [tf.leakyRelu(x, 0.2), tf.grad((v: tf.Tensor) => tf.sum(tf.leakyRelu(v, 0.2)))(x)];
    }),
    closedForm: () => [GRID_NO_ZERO.map((x) => (x > 0 ? x : 0.2 * x)), GRID_NO_ZERO.map((x) => (x > 0 ? 1 : 0.2))],
  },
];

/** 33 points from −8 to 8 in steps of 1/2 (exact in float32). */
const GRID = Array.from({ length: 33 }, (_, i) => -8 + i / 2);
const GRID_NO_ZERO = GRID.filter((x) => x !== 0);
