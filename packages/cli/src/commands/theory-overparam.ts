import { createRng } from '@saddle/core';
import { OVERPARAM_SETUP, overparamWidthSweep, reluActivation, tanhActivation, type PlotSeries } from '@saddle/theory';
import { choiceOption, numberListOption, numberOption, type FlagValues } from './args.js';
import { COMMON_THEORY_HELP, type TheorySubcommand } from './theory-help.js';
import { exponent, formatTable } from './theory-format.js';

/** The defaults of `saddle theory overparam`: the width sweep of papers §1.4 item 3. */
export const OVERPARAM_DEFAULTS = {
  k: [4, 16, 64, 256, 1024],
  steps: 300,
  seed: 0,
  ...OVERPARAM_SETUP,
} as const;

const ACTIVATIONS = { relu: reluActivation, tanh: tanhActivation } as const;
const d = OVERPARAM_DEFAULTS;

/**
 * `saddle theory overparam`: the overparameterized moment-matching game trained by
 * simultaneous GDA at several widths k on the same data; prints the residual ‖x̄ − ḡ(W_t)‖ at
 * the start, the middle and the end per k, and plots the curves on a log scale.
 */
export const theoryOverparam: TheorySubcommand = {
  name: 'overparam',
  summary: 'overparameterized GAN (Balaji et al.): residual ‖x̄ − ḡ‖ under GDA for each width k',
  flags: {
    k: { type: 'string' },
    steps: { type: 'string' },
    seed: { type: 'string' },
    n: { type: 'string' },
    'data-dim': { type: 'string' },
    'latent-dim': { type: 'string' },
    activation: { type: 'string' },
    'generator-step-size': { type: 'string' },
    'discriminator-step-size': { type: 'string' },
  },
  help: `saddle theory overparam: the overparameterized GAN under simultaneous GDA (papers §1.2–1.4)

Usage: saddle theory overparam [--k K1,K2,..] [--steps T] [--seed S] [--activation relu|tanh]

G(z) = Vφ(Wz) (W ∈ R^{k×d} trained, V ~ N(0, 1/k) fixed) against the regularised linear
discriminator h(W, d) = ⟨d, x̄ − ḡ(W)⟩ − ½‖d‖². Every width trains on the same data and codes
(one seed); prints the residual ‖x̄ − ḡ(W_t)‖ at t = 0, T/2 and T per k and plots the curves
on a log scale. Overparameterization shows as a final residual that falls with k, and
geometric decay for the largest k.

Flags:
  --k LIST                   generator widths k, integers ≥ 1 (default ${d.k.join(',')})
  --steps T                  GDA steps, an integer ≥ 1 (default ${d.steps})
  --seed S                   integer seed of the data, codes, V and W₀ (default ${d.seed})
  --n N                      data points and codes (default ${d.n})
  --data-dim M               data dimension m (default ${d.dataDim})
  --latent-dim D             latent dimension d (default ${d.latentDim})
  --activation NAME          relu (default) or tanh
  --generator-step-size MU   μ ≥ 0 (default ${d.generatorStepSize})
  --discriminator-step-size ETA
                             η ≥ 0 (default ${d.discriminatorStepSize}: d_{t+1} = x̄ − ḡ(W_t))
${COMMON_THEORY_HELP}
`,
  run(values: FlagValues) {
    const widths = numberListOption(values, 'k', d.k, { integer: true, min: 1, max: 65_536 }, { maxItems: 32 });
    const steps = numberOption(values, 'steps', d.steps, { integer: true, min: 1, max: 1_000_000 });
    const seed = numberOption(values, 'seed', d.seed, { integer: true });
    const n = numberOption(values, 'n', d.n, { integer: true, min: 1, max: 100_000 });
    const dataDim = numberOption(values, 'data-dim', d.dataDim, { integer: true, min: 1, max: 10_000 });
    const latentDim = numberOption(values, 'latent-dim', d.latentDim, { integer: true, min: 1, max: 10_000 });
    const activation = choiceOption(values, 'activation', d.activation, ['relu', 'tanh'] as const);
    const generatorStepSize = numberOption(values, 'generator-step-size', d.generatorStepSize, { min: 0 });
    const discriminatorStepSize = numberOption(values, 'discriminator-step-size', d.discriminatorStepSize, { min: 0 });

    const rows = overparamWidthSweep({
      widths, n, dataDim, latentDim, activation: ACTIVATIONS[activation], steps, generatorStepSize, discriminatorStepSize, rng: createRng(seed),
    });
    const half = Math.floor(steps / 2);
    const table = formatTable(
      ['k', 'residual t=0', `t=${half}`, `t=${steps}`, 'final/initial'],
      rows.map((r) => [
        String(r.width),
        exponent(r.residuals[0] as number),
        exponent(r.residuals[half] as number),
        exponent(r.finalResidual),
        exponent(r.finalResidual / (r.residuals[0] as number)),
      ]),
    );
    const text =
      `overparameterized GAN: n = ${n}, m = ${dataDim}, d = ${latentDim}, ${activation}, seed ${seed}; ` +
      `simultaneous GDA, ${steps} steps, μ = ${generatorStepSize}, η = ${discriminatorStepSize}\n\n${table}`;
    const t = Array.from({ length: steps + 1 }, (_, i) => i);
    const series: PlotSeries[] = rows.map((r) => ({ name: `k = ${r.width}`, x: t, y: r.residuals }));
    return {
      text,
      json: {
        setting: { widths, steps, seed, n, dataDim, latentDim, activation, generatorStepSize, discriminatorStepSize },
        rows: rows.map((r) => ({ width: r.width, finalResidual: r.finalResidual, residuals: r.residuals })),
      },
      plot: { title: 'overparameterized GAN under GDA', xLabel: 'step t', yLabel: '‖x̄ − ḡ(W_t)‖', yScale: 'log', series },
    };
  },
};
