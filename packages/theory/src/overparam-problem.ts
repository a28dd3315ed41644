import type { Rng } from '@saddle/core';
import { createRandomStream } from './internal/random-stream.js';
import { requireInteger } from './internal/validate.js';

/**
 * The generator's hidden-layer non-linearity φ with its derivative.
 *
 * @example
 * ```ts
 * const softplus: Activation = { name: 'softplus', phi: (t) => Math.log1p(Math.exp(t)), derivative: (t) => 1 / (1 + Math.exp(-t)) };
 * createOverparamProblem({ n: 64, dataDim: 10, latentDim: 5, width: 256, activation: softplus, rng: createRng(0) });
 * ```
 */
export interface Activation {
  readonly name: string;
  /** φ(t). */
  readonly phi: (t: number) => number;
  /** φ'(t) (for ReLU, 0 at t = 0). */
  readonly derivative: (t: number) => number;
}

/**
 * φ(t) = max(t, 0), φ'(t) = [t > 0].
 *
 * @example
 * ```ts
 * createOverparamProblem({ n: 64, dataDim: 10, latentDim: 5, width: 256, activation: reluActivation, rng });
 * ```
 * @see Balaji et al., "Understanding Overparameterization in Generative Adversarial Networks", 2021
 */
export const reluActivation: Activation = { name: 'relu', phi: (t) => (t > 0 ? t : 0), derivative: (t) => (t > 0 ? 1 : 0) };

/**
 * φ(t) = tanh t, φ'(t) = 1 − tanh² t.
 *
 * @example
 * ```ts
 * createOverparamProblem({ n: 64, dataDim: 10, latentDim: 5, width: 256, activation: tanhActivation, rng });
 * ```
 * @see Balaji et al., "Understanding Overparameterization in Generative Adversarial Networks", 2021
 */
export const tanhActivation: Activation = {
  name: 'tanh',
  phi: Math.tanh,
  derivative: (t) => {
    const th = Math.tanh(t);
    return 1 - th * th;
  },
};

/**
 * The sizes and the draw of `createOverparamProblem`.
 *
 * @example
 * ```ts
 * const options: OverparamProblemOptions = { n: 64, dataDim: 10, latentDim: 5, width: 1024, activation: reluActivation, rng: createRng(0) };
 * const problem = createOverparamProblem(options);
 * ```
 */
export interface OverparamProblemOptions {
  /** n: the number of data points and of fixed latent codes. */
  readonly n: number;
  /** m: the data dimension. */
  readonly dataDim: number;
  /** d: the latent dimension. */
  readonly latentDim: number;
  /** k: the generator's hidden width. */
  readonly width: number;
  readonly activation: Activation;
  /** Data and codes come from `rng.fold('data')` (the same for every width), V and W₀ from `rng.fold('generator')`. */
  readonly rng: Rng;
}

/**
 * One instance of the overparameterized moment-matching game (row-major Float64Arrays). The
 * generator is G(z) = V φ(W z) with W ∈ R^{k×d} trained and V ∈ R^{m×k} fixed.
 *
 * @example
 * ```ts
 * const problem: OverparamProblem = createOverparamProblem({ n: 64, dataDim: 10, latentDim: 5, width: 256, activation: tanhActivation, rng: createRng(0) });
 * const gap = overparamMeanOutput(problem, problem.W0).map((g, a) => (problem.xMean[a] as number) - g); // x̄ − ḡ(W₀)
 * ```
 */
export interface OverparamProblem {
  readonly n: number;
  readonly dataDim: number;
  readonly latentDim: number;
  readonly width: number;
  readonly activation: Activation;
  /** x_1..x_n ∈ R^m, n×m. */
  readonly x: Float64Array;
  /** x̄ = (1/n) Σ_i x_i. */
  readonly xMean: Float64Array;
  /** z_1..z_n ∈ R^d, n×d, fixed. */
  readonly z: Float64Array;
  /** V, m×k, fixed. */
  readonly V: Float64Array;
  /** W₀, k×d, the initial trained layer. */
  readonly W0: Float64Array;
}

/**
 * Draws an instance of the theory model of Balaji et al. as reconstructed in papers §1.2:
 * x_i ~ N(0, I_m), z_i ~ N(0, I_d), V_{ab} ~ N(0, 1/k), W₀_{jl} ~ N(0, 1/d). With
 * V ~ N(0, 1/k) the tangent kernel JJᵀ of ḡ(W) is O(1) in k (it tends to E‖a_j‖²·I_m as
 * k → ∞), so one step size serves every width; V ~ N(0, 1) would need μ ∝ 1/k instead.
 *
 * @example
 * ```ts
 * const problem = createOverparamProblem({ n: 64, dataDim: 10, latentDim: 5, width: 1024, activation: reluActivation, rng: createRng(0) });
 * ```
 * @see Balaji et al., "Understanding Overparameterization in Generative Adversarial Networks", 2021
 */
export function createOverparamProblem(options: OverparamProblemOptions): OverparamProblem {
  const { n, dataDim, latentDim, width, activation, rng } = options;
  requireInteger(n, 'n', 1);
  requireInteger(dataDim, 'dataDim', 1);
  requireInteger(latentDim, 'latentDim', 1);
  requireInteger(width, 'width', 1);
  const data = createRandomStream(rng.fold('data'));
  const generator = createRandomStream(rng.fold('generator'));
  const draw = (stream: typeof data, count: number, std: number) => Float64Array.from({ length: count }, () => std * stream.normal());
  const x = draw(data, n * dataDim, 1);
  const z = draw(data, n * latentDim, 1);
  const V = draw(generator, dataDim * width, 1 / Math.sqrt(width));
  const W0 = draw(generator, width * latentDim, 1 / Math.sqrt(latentDim));
  const xMean = new Float64Array(dataDim);
  for (let i = 0; i < n; i++) for (let a = 0; a < dataDim; a++) xMean[a] = (xMean[a] as number) + (x[i * dataDim + a] as number) / n;
  return { n, dataDim, latentDim, width, activation, x, xMean, z, V, W0 };
}
