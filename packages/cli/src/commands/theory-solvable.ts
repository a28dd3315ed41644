import { createRng, SaddleError } from '@saddle/core';
import {
  integrateSolvableGanOde,
  predictSolvableGanPhase,
  simulateSolvableGan,
  simulateSolvableGanReduced,
  type PlotSeries,
  type SolvableGanSetting,
  type SolvableGanTrajectory,
} from '@saddle/theory';
import { choiceOption, numberListOption, numberOption, type FlagValues } from './args.js';
import type { TheorySubcommand } from './theory-help.js';
import { COMMON_THEORY_HELP } from './theory-help.js';
import { fixed, formatTable, list } from './theory-format.js';

/** The defaults of `saddle theory solvable`: the η = 2 panel of Wang, Hu and Lu's Fig. 1 (papers §3.7). */
export const SOLVABLE_DEFAULTS = {
  lambda: [5, 3],
  tau: 0.2,
  tauTilde: 0.04,
  eta: 2,
  tMax: 150,
  sampleEvery: 0.25,
  n: 4000,
  seed: 0,
  simulator: 'reduced',
} as const;

/** Initial cosines of papers §3.8: q(0) = 0.1 per feature, P(0) = 0.1·I. */
export const SOLVABLE_INITIAL_COSINE = 0.1;

/** Rows of the default table: t = 0, T/6, …, T. */
const TABLE_ROWS = 7;
/** Simulation dots per plotted series. */
const PLOT_POINTS = 60;
/** Most samples a trajectory may record (the JSON holds them all). */
const MAX_SAMPLES = 100_000;

/** Model M's setting with equal noise η_T = η_G = η and Λ̃ = Λ, from the §3.8 start. */
export function solvableSetting(lambda: readonly number[], tau: number, tauTilde: number, eta: number): SolvableGanSetting {
  return {
    lambda, tau, tauTilde, etaT: eta, etaG: eta,
    q0: lambda.map(() => SOLVABLE_INITIAL_COSINE),
    P0: lambda.map((_, i) => lambda.map((__, l) => (i === l ? SOLVABLE_INITIAL_COSINE : 0))),
  };
}

const d = SOLVABLE_DEFAULTS;

/**
 * `saddle theory solvable`: the solvable GAN's ODE (and, with `--simulate`, a finite-n
 * simulation) from the §3.8 start; prints P_ii and q_i at seven times and plots them.
 */
export const theorySolvable: TheorySubcommand = {
  name: 'solvable',
  summary: 'Model M (Wang, Hu and Lu): the ODE of P, q over time, and optionally a simulation',
  flags: {
    lambda: { type: 'string' },
    tau: { type: 'string' },
    'tau-tilde': { type: 'string' },
    eta: { type: 'string' },
    't-max': { type: 'string' },
    'sample-every': { type: 'string' },
    simulate: { type: 'boolean' },
    n: { type: 'string' },
    seed: { type: 'string' },
    simulator: { type: 'string' },
  },
  help: `saddle theory solvable: the solvable high-dimensional GAN (papers §3), ODE and simulation

Usage: saddle theory solvable [--lambda L1,L2,..] [--tau T] [--tau-tilde T] [--eta E] [--t-max T]
                              [--simulate [--n N] [--seed S] [--simulator reduced|full]]

Model M with feature strengths Λ = Λ̃ = diag(lambda), equal noise η_T = η_G = eta and the start
of papers §3.8 (q(0) = ${SOLVABLE_INITIAL_COSINE} per feature, P(0) = ${SOLVABLE_INITIAL_COSINE}·I). Prints P_ii and q_i at 7 times
from the ODE (Dormand–Prince 5(4), rtol 1e-8), and from a simulation with --simulate.

Flags (defaults: the η = 2 panel of Wang, Hu and Lu's Fig. 1):
  --lambda LIST      feature strengths λ_i > 0, comma-separated (default ${d.lambda.join(',')})
  --tau T            discriminator learning rate τ > 0 (default ${d.tau})
  --tau-tilde T      generator learning rate τ̃ ≥ 0 (default ${d.tauTilde})
  --eta E            noise variance η_T = η_G = η ≥ 0 (default ${d.eta})
  --t-max T          horizon in time units > 0 (default ${d.tMax})
  --sample-every DT  spacing of the recorded samples > 0 (default ${d.sampleEvery})
  --simulate         also simulate the online training with n-dimensional vectors
  --n N              simulation dimension, an integer ≥ 2d + 1 (default ${d.n})
  --seed S           simulation seed, an integer (default ${d.seed})
  --simulator NAME   reduced (default: the same law in O(d²) a step) or full (O(n·d) a step:
                     n·T steps of that, so keep n·T small)
${COMMON_THEORY_HELP}
`,
  run(values: FlagValues) {
    const lambda = numberListOption(values, 'lambda', d.lambda, { min: 0, exclusiveMin: true }, { maxItems: 100 });
    const tau = numberOption(values, 'tau', d.tau, { min: 0, exclusiveMin: true });
    const tauTilde = numberOption(values, 'tau-tilde', d.tauTilde, { min: 0 });
    const eta = numberOption(values, 'eta', d.eta, { min: 0 });
    const T = numberOption(values, 't-max', d.tMax, { min: 0, exclusiveMin: true });
    const sampleEvery = numberOption(values, 'sample-every', d.sampleEvery, { min: 0, exclusiveMin: true });
    if (T / sampleEvery > MAX_SAMPLES) {
      throw new SaddleError(`records ${Math.ceil(T / sampleEvery)} samples`, {
        code: 'INVALID_CONFIG', field: '--sample-every', value: sampleEvery, fix: `allowed: at most ${MAX_SAMPLES} samples, i.e. ≥ ${T / MAX_SAMPLES} for --t-max ${T}`,
      });
    }
    const simulate = values.simulate === true;
    for (const flag of ['n', 'seed', 'simulator']) {
      if (!simulate && values[flag] !== undefined) {
        throw new SaddleError('only used with --simulate', { code: 'INVALID_CONFIG', field: `--${flag}`, value: values[flag], fix: 'add --simulate, or remove the flag' });
      }
    }
    const dims = lambda.length;
    const n = numberOption(values, 'n', d.n, { integer: true, min: 2 * dims + 1, max: 10_000_000 });
    const seed = numberOption(values, 'seed', d.seed, { integer: true });
    const simulator = choiceOption(values, 'simulator', d.simulator, ['reduced', 'full'] as const);

    const setting = solvableSetting(lambda, tau, tauTilde, eta);
    const ode = integrateSolvableGanOde(setting, { T, sampleEvery });
    const simulation = simulate
      ? (simulator === 'full' ? simulateSolvableGan : simulateSolvableGanReduced)(setting, { n, T, sampleEvery, rng: createRng(seed) })
      : undefined;
    const predicted = predictSolvableGanPhase(setting);

    const features = lambda.map((_, i) => i);
    const columns = (label: string) => [...features.map((i) => `P${i + 1}${i + 1}${label}`), ...features.map((i) => `q${i + 1}${label}`)];
    const cells = (run: SolvableGanTrajectory, j: number) => [
      ...features.map((i) => fixed(run.P[j]?.[i]?.[i] as number)),
      ...features.map((i) => fixed(run.q[j]?.[i] as number)),
    ];
    const rows = Array.from({ length: TABLE_ROWS }, (_, k) => (k * T) / (TABLE_ROWS - 1)).map((time) => {
      const j = nearest(ode.t, time);
      const row = [fixed(ode.t[j] as number, 2), ...cells(ode, j)];
      return simulation === undefined ? row : [...row, ...cells(simulation, nearest(simulation.t, ode.t[j] as number))];
    });
    const header = ['t', ...columns(''), ...(simulation === undefined ? [] : columns(' sim'))];
    const text =
      `Model M: λ = (${list(lambda)}), τ = ${tau}, τ̃ = ${tauTilde}, η_T = η_G = ${eta}, T = ${T}\n` +
      `ODE: Dormand–Prince 5(4), ${ode.steps} steps (${ode.rejectedSteps} rejected)` +
      (simulation === undefined ? '' : `; simulation: ${simulator}, n = ${n}, seed ${seed}, ${simulation.steps} steps`) +
      '\n\n' +
      formatTable(header, rows) +
      `\nphase predicted by the linear analysis: ${predicted.phase} (${predicted.features.join(', ')}); saddle theory phase measures it on long ODE runs\n`;

    const series: PlotSeries[] = [];
    for (const i of features) series.push({ name: `P${i + 1}${i + 1} (ODE)`, x: ode.t, y: ode.P.map((P) => P[i]?.[i] as number) });
    for (const i of features) series.push({ name: `q${i + 1} (ODE)`, x: ode.t, y: ode.q.map((q) => q[i] as number) });
    if (simulation !== undefined) {
      // At most ~PLOT_POINTS dots per series, so the ODE curve stays visible under them.
      const every = Math.max(1, Math.round(simulation.t.length / PLOT_POINTS));
      const t = simulation.t.filter((_, j) => j % every === 0);
      for (const i of features) {
        series.push({ name: `P${i + 1}${i + 1} (n = ${n})`, x: t, y: simulation.P.filter((_, j) => j % every === 0).map((P) => P[i]?.[i] as number), style: 'points' });
      }
    }
    return {
      text,
      json: {
        setting: { ...setting, T, sampleEvery },
        ode: { t: ode.t, P: ode.P, q: ode.q, r: ode.r, S: ode.S, steps: ode.steps, rejectedSteps: ode.rejectedSteps },
        simulation:
          simulation === undefined
            ? null
            : { simulator, n, seed, t: simulation.t, P: simulation.P, q: simulation.q, r: simulation.r, S: simulation.S, steps: simulation.steps, maxNormDeviation: simulation.maxNormDeviation },
        predictedPhase: predicted,
      },
      plot: { title: `Model M: λ = (${list(lambda)}), η = ${eta}`, xLabel: 't', yLabel: 'cosine', series },
    };
  },
};

/** The index of the sample time closest to `time`. */
function nearest(times: readonly number[], time: number): number {
  let best = 0;
  times.forEach((t, j) => {
    if (Math.abs(t - time) < Math.abs((times[best] as number) - time)) best = j;
  });
  return best;
}
