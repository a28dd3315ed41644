import { SaddleError } from '@saddle/core';
import { applyGdaStep } from './internal/gda-update.js';
import type { OverparamProblem } from './overparam-problem.js';

/**
 * The two players' parameters: the generator's trained layer W (k×d) and the discriminator d (m).
 *
 * @example
 * ```ts
 * const start: OverparamParams = { W: Float64Array.from(problem.W0), d: new Float64Array(problem.dataDim) };
 * const payoff = overparamPayoff(problem, start); // h(W₀, 0) = 0
 * const grads: OverparamParams = overparamGradients(problem, start);
 * ```
 */
export interface OverparamParams {
  readonly W: Float64Array;
  readonly d: Float64Array;
}

/**
 * The mean generator output ḡ(W) = (1/n) Σ_i V φ(W z_i) ∈ R^m (papers §1.2).
 *
 * @example
 * ```ts
 * const gBar = overparamMeanOutput(problem, problem.W0);
 * ```
 * @see Balaji et al., "Understanding Overparameterization in Generative Adversarial Networks", 2021
 */
export function overparamMeanOutput(problem: OverparamProblem, W: Float64Array): Float64Array {
  checkW(problem, W);
  return meanOutput(problem, hiddenStatistics(problem, W, false).u);
}

/**
 * The payoff of the regularised linear discriminator D(x) = ⟨d, x⟩ (papers §1.2):
 * h(W, d) = ⟨d, x̄ − ḡ(W)⟩ − ½‖d‖². The generator minimises it, the discriminator maximises
 * it; max_d h = ½‖x̄ − ḡ(W)‖² at d* = x̄ − ḡ(W), so the game is first-moment matching.
 *
 * @example
 * ```ts
 * overparamPayoff(problem, { W, d });
 * ```
 * @see Balaji et al., "Understanding Overparameterization in Generative Adversarial Networks", 2021
 */
export function overparamPayoff(problem: OverparamProblem, { W, d }: OverparamParams): number {
  checkW(problem, W);
  checkD(problem, d);
  const gBar = meanOutput(problem, hiddenStatistics(problem, W, false).u);
  let value = 0;
  for (let a = 0; a < problem.dataDim; a++) {
    const da = d[a] as number;
    value += da * ((problem.xMean[a] as number) - (gBar[a] as number)) - 0.5 * da * da;
  }
  return value;
}

/**
 * The gradients of h(W, d) = ⟨d, x̄ − ḡ(W)⟩ − ½‖d‖² (papers §1.2):
 * ∇_d h = x̄ − ḡ(W) − d and ∇_W h = −J(W)ᵀ d with J = ∂ḡ/∂W, i.e.
 * ∂h/∂W_{jl} = −(Vᵀd)_j · (1/n) Σ_i φ'(w_jᵀ z_i) z_{il}.
 *
 * @example
 * ```ts
 * const grads = overparamGradients(problem, { W, d }); // { W: k×d, d: m }
 * ```
 * @see Balaji et al., "Understanding Overparameterization in Generative Adversarial Networks", 2021
 */
export function overparamGradients(problem: OverparamProblem, { W, d }: OverparamParams): OverparamParams {
  checkW(problem, W);
  checkD(problem, d);
  const { width: k, latentDim: dz, dataDim: m, V, xMean } = problem;
  const { u, a } = hiddenStatistics(problem, W, true);
  const gBar = meanOutput(problem, u);
  const gradD = new Float64Array(m);
  for (let b = 0; b < m; b++) gradD[b] = (xMean[b] as number) - (gBar[b] as number) - (d[b] as number);
  const gradW = new Float64Array(k * dz);
  for (let j = 0; j < k; j++) {
    let vd = 0;
    for (let b = 0; b < m; b++) vd += (V[b * k + j] as number) * (d[b] as number);
    for (let l = 0; l < dz; l++) gradW[j * dz + l] = -vd * (a[j * dz + l] as number);
  }
  return { W: gradW, d: gradD };
}

/**
 * One step of simultaneous gradient descent–ascent on h (papers §1.2), both gradients taken
 * at the old point: W' = W − μ ∇_W h(W, d), d' = d + η ∇_d h(W, d) = d + η(x̄ − ḡ(W) − d).
 * With η = 1, d' = x̄ − ḡ(W) exactly, and W follows the delayed-residual recursion
 * W_{t+1} = W_t + μ J(W_t)ᵀ (x̄ − ḡ(W_{t−1})).
 *
 * @example
 * ```ts
 * const next = overparamGdaStep(problem, { W, d }, { generatorStepSize: 0.5, discriminatorStepSize: 1 });
 * ```
 * @see Balaji et al., "Understanding Overparameterization in Generative Adversarial Networks", 2021
 */
export function overparamGdaStep(
  problem: OverparamProblem,
  params: OverparamParams,
  stepSizes: { readonly generatorStepSize: number; readonly discriminatorStepSize: number },
): OverparamParams {
  return applyGdaStep(params, overparamGradients(problem, params), stepSizes);
}

/**
 * u_j = (1/n) Σ_i φ(w_jᵀ z_i) and, when asked, a_j = (1/n) Σ_i φ'(w_jᵀ z_i) z_i (k×d), in
 * one pass over the pre-activations.
 */
function hiddenStatistics(problem: OverparamProblem, W: Float64Array, withJacobian: boolean): { u: Float64Array; a: Float64Array } {
  const { n, width: k, latentDim: dz, z, activation } = problem;
  const u = new Float64Array(k);
  const a = new Float64Array(withJacobian ? k * dz : 0);
  for (let j = 0; j < k; j++) {
    let uj = 0;
    for (let i = 0; i < n; i++) {
      let pre = 0;
      for (let l = 0; l < dz; l++) pre += (W[j * dz + l] as number) * (z[i * dz + l] as number);
      uj += activation.phi(pre);
      if (withJacobian) {
        const slope = activation.derivative(pre) / n;
        for (let l = 0; l < dz; l++) a[j * dz + l] = (a[j * dz + l] as number) + slope * (z[i * dz + l] as number);
      }
    }
    u[j] = uj / n;
  }
  return { u, a };
}

/** ḡ = V u. */
function meanOutput({ dataDim: m, width: k, V }: OverparamProblem, u: Float64Array): Float64Array {
  const gBar = new Float64Array(m);
  for (let b = 0; b < m; b++) {
    let acc = 0;
    for (let j = 0; j < k; j++) acc += (V[b * k + j] as number) * (u[j] as number);
    gBar[b] = acc;
  }
  return gBar;
}

function checkW(problem: OverparamProblem, W: Float64Array): void {
  if (!(W instanceof Float64Array) || W.length !== problem.width * problem.latentDim) {
    throw new SaddleError(`W must be a Float64Array of k×d = ${problem.width}×${problem.latentDim}`, {
      code: 'SHAPE_MISMATCH', field: 'W', value: W?.length, fix: 'pass a row-major k×d Float64Array such as problem.W0',
    });
  }
}

function checkD(problem: OverparamProblem, d: Float64Array): void {
  if (!(d instanceof Float64Array) || d.length !== problem.dataDim) {
    throw new SaddleError(`d must be a Float64Array of length m = ${problem.dataDim}`, {
      code: 'SHAPE_MISMATCH', field: 'd', value: d?.length, fix: 'pass the discriminator weights, one per data dimension',
    });
  }
}
