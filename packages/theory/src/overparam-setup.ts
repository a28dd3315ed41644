/**
 * The setting of Balaji et al.'s one-hidden-layer game that Saddle runs by default (papers §1.2–1.4
 * give the model, not these sizes): n = 64 data points in m = 10 dimensions, latents of size d = 5,
 * ReLU hidden units, GDA with step sizes 0.2 for G and 1 for D. `saddle theory overparam` and the
 * balaji2021-overparam experiment both start from it.
 *
 * @example
 * ```ts
 * const problem = createOverparamProblem({ ...OVERPARAM_SETUP, width: 64, activation: reluActivation, rng: createRng(0) });
 * ```
 */
export const OVERPARAM_SETUP = {
  n: 64,
  dataDim: 10,
  latentDim: 5,
  activation: 'relu',
  generatorStepSize: 0.2,
  discriminatorStepSize: 1,
} as const;
