import type { Rng } from '@saddle/core';
import { requireFiniteArray, requireInteger, requireNonNegative } from './internal/validate.js';
import { applyGdaStep } from './internal/gda-update.js';
import { overparamGradients, type OverparamParams } from './overparam-game.js';
import { createOverparamProblem, type Activation, type OverparamProblem } from './overparam-problem.js';

/**
 * Step sizes and length of a GDA run.
 *
 * @example
 * ```ts
 * const options: OverparamGdaOptions = { steps: 500, generatorStepSize: 0.5, discriminatorStepSize: 1 };
 * const run = trainOverparamGda(problem, options);
 * ```
 */
export interface OverparamGdaOptions {
  /** T: the number of simultaneous GDA steps. */
  readonly steps: number;
  /** μ: the generator's step size. */
  readonly generatorStepSize: number;
  /** η: the discriminator's step size (1 gives d_{t+1} = x̄ − ḡ(W_t)). */
  readonly discriminatorStepSize: number;
  /** d₀ (default 0). */
  readonly d0?: Float64Array;
}

/**
 * A GDA run, as plain arrays (JSON as it stands).
 *
 * @example
 * ```ts
 * const run: OverparamGdaResult = trainOverparamGda(problem, { steps: 500, generatorStepSize: 0.5, discriminatorStepSize: 1 });
 * const decay = (run.residuals.at(-1) as number) / (run.residuals[0] as number);
 * ```
 */
export interface OverparamGdaResult {
  /** ‖x̄ − ḡ(W_t)‖ for t = 0..T. */
  readonly residuals: number[];
  /** W_T, k×d row-major. */
  readonly W: number[];
  /** d_T. */
  readonly d: number[];
}

/**
 * Trains the overparameterized GAN of papers §1.2 (G(z) = Vφ(Wz) against D(x) = ⟨d, x⟩ with
 * payoff h(W, d) = ⟨d, x̄ − ḡ(W)⟩ − ½‖d‖²) by simultaneous GDA from (W₀, d₀), recording the
 * moment residual ‖x̄ − ḡ(W_t)‖ at every step. The global saddle point has ḡ = x̄, d* = 0.
 *
 * @example
 * ```ts
 * const run = trainOverparamGda(problem, { steps: 1000, generatorStepSize: 0.5, discriminatorStepSize: 1 });
 * run.residuals.at(-1); // ‖x̄ − ḡ(W_T)‖
 * ```
 * @see Balaji et al., "Understanding Overparameterization in Generative Adversarial Networks", 2021
 */
export function trainOverparamGda(problem: OverparamProblem, options: OverparamGdaOptions): OverparamGdaResult {
  const { steps, generatorStepSize, discriminatorStepSize } = options;
  requireInteger(steps, 'steps', 0);
  requireNonNegative(generatorStepSize, 'generatorStepSize');
  requireNonNegative(discriminatorStepSize, 'discriminatorStepSize');
  const d0 = options.d0 ?? new Float64Array(problem.dataDim);
  requireFiniteArray(Array.from(d0), 'd0', problem.dataDim);
  let params: OverparamParams = { W: Float64Array.from(problem.W0), d: Float64Array.from(d0) };
  const residuals: number[] = [];
  for (let t = 0; ; t++) {
    const grads = overparamGradients(problem, params);
    // ∇_d h = x̄ − ḡ − d, so the residual comes with the gradient.
    residuals.push(Math.sqrt(grads.d.reduce((acc, g, a) => acc + (g + (params.d[a] as number)) ** 2, 0)));
    if (t === steps) break;
    params = applyGdaStep(params, grads, { generatorStepSize, discriminatorStepSize });
  }
  return { residuals, W: Array.from(params.W), d: Array.from(params.d) };
}

/**
 * The width sweep of papers §1.4 item 3.
 *
 * @example
 * ```ts
 * const options: OverparamWidthSweepOptions = {
 *   widths: [4, 16, 64, 256, 1024], n: 64, dataDim: 10, latentDim: 5, activation: reluActivation, rng: createRng(0),
 *   steps: 1000, generatorStepSize: 0.5, discriminatorStepSize: 1,
 * };
 * const rows = overparamWidthSweep(options);
 * ```
 */
export interface OverparamWidthSweepOptions extends Omit<OverparamGdaOptions, 'd0'> {
  /** The widths k to train, e.g. [4, 16, 64, 256, 1024]. */
  readonly widths: readonly number[];
  readonly n: number;
  readonly dataDim: number;
  readonly latentDim: number;
  readonly activation: Activation;
  /** One key for every width: the data and codes are shared, V and W₀ are drawn per width. */
  readonly rng: Rng;
}

/**
 * One width of the sweep.
 *
 * @example
 * ```ts
 * for (const row of overparamWidthSweep(options) as OverparamWidthSweepRow[]) console.log(row.width, row.finalResidual);
 * ```
 */
export interface OverparamWidthSweepRow {
  readonly width: number;
  /** ‖x̄ − ḡ(W_t)‖ for t = 0..T. */
  readonly residuals: number[];
  /** ‖x̄ − ḡ(W_T)‖. */
  readonly finalResidual: number;
}

/**
 * Trains the same data at several widths k with one seed and one step size (papers §1.4
 * item 3). Overparameterization should show as a final residual that does not grow with k, and
 * geometric (log-linear) decay at the largest k.
 *
 * @example
 * ```ts
 * const rows = overparamWidthSweep({
 *   widths: [4, 16, 64, 256, 1024], n: 64, dataDim: 10, latentDim: 5, activation: reluActivation,
 *   steps: 500, generatorStepSize: 0.2, discriminatorStepSize: 1, rng: createRng(0),
 * });
 * rows.map((r) => r.finalResidual);
 * ```
 * @see Balaji et al., "Understanding Overparameterization in Generative Adversarial Networks", 2021
 */
export function overparamWidthSweep(options: OverparamWidthSweepOptions): OverparamWidthSweepRow[] {
  const { widths, n, dataDim, latentDim, activation, rng, ...gda } = options;
  requireFiniteArray(widths, 'widths');
  return widths.map((width) => {
    const problem = createOverparamProblem({ n, dataDim, latentDim, width, activation, rng });
    const { residuals } = trainOverparamGda(problem, gda);
    return { width, residuals, finalResidual: residuals[residuals.length - 1] as number };
  });
}
